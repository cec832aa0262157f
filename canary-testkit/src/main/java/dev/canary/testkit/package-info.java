/**
 * For provider authors, in test scope: the contract every provider of an SPI must keep, as abstract JUnit 5
 * tests to subclass ({@link dev.canary.testkit.AbstractTrafficRouterContractTest},
 * {@link dev.canary.testkit.AbstractMetricsProviderContractTest},
 * {@link dev.canary.testkit.AbstractDeploymentTargetContractTest},
 * {@link dev.canary.testkit.AbstractStateStoreContractTest}), the specs they use
 * ({@link dev.canary.testkit.ContractSpecs}), fakes to run a whole canary without a cluster ({@link dev.canary.testkit.FakeRouter},
 * {@link dev.canary.testkit.FakeTarget}), and time that moves only when a test says so
 * ({@link dev.canary.testkit.ManualScheduler}, {@link dev.canary.testkit.MutableClock}); a real Prometheus server
 * for tests is in {@link dev.canary.testkit.prometheus}.
 * See {@code docs/writing-a-provider.md}.
 */
@NullMarked
package dev.canary.testkit;

import org.jspecify.annotations.NullMarked;
