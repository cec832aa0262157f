/**
 * Implementation details of the runner. Not API: may change without notice.
 */
@NullMarked
package dev.canary.internal;

import org.jspecify.annotations.NullMarked;
