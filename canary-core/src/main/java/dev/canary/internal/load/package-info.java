/**
 * The built-in load generator, the {@code hey} command-line mapping, and allowed external commands. Not API: may
 * change without notice.
 */
@NullMarked
package dev.canary.internal.load;

import org.jspecify.annotations.NullMarked;
