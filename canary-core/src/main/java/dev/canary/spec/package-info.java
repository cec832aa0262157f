/**
 * The canary spec: immutable, validated records in Flagger's vocabulary and with Flagger's defaults.
 */
@NullMarked
package dev.canary.spec;

import org.jspecify.annotations.NullMarked;
