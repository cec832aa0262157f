/**
 * The OkHttp set-up shared by hooks and provider modules (TLS trust). Not API: may change without notice.
 */
@NullMarked
package dev.canary.internal.http;

import org.jspecify.annotations.NullMarked;
