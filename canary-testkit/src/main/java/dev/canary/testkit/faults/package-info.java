/**
 * The fault-injection suite's shared parts: a ledger of trials and their outcomes
 * ({@link dev.canary.testkit.faults.FaultLedger}), the report printed at the end
 * ({@link dev.canary.testkit.faults.FaultReport}), and a driver that runs a canary on the manual scheduler and
 * detects hangs ({@link dev.canary.testkit.faults.RunDriver}). Every module's fault tests record their cases here;
 * see {@code docs/faults.md}.
 */
@NullMarked
package dev.canary.testkit.faults;

import org.jspecify.annotations.NullMarked;
