/**
 * Webhooks, in-process and manual gates, gate deadlines and alerts: what consulting a hook does. Not API: may
 * change without notice.
 */
@NullMarked
package dev.canary.internal.hooks;

import org.jspecify.annotations.NullMarked;
