/**
 * The HTML run report: one self-contained file per run (inline CSS and SVG, nothing fetched) with the weight
 * timeline, each check against its bounds, failed checks, gate waits, every decision with its evidence and the
 * outcome. See {@link dev.canary.report.RunReport}.
 */
@NullMarked
package dev.canary.report;

import org.jspecify.annotations.NullMarked;
