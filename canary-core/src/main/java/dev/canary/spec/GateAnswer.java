package dev.canary.spec;

/**
 * The answer of the hooks of one type in one tick (all hooks of the type, in spec order, stopping at the
 * first that does not approve).
 *
 * <ul>
 *   <li>confirm-rollout / confirm-traffic-increase / confirm-promotion: {@code APPROVE} goes on, {@code WAIT}
 *       holds, {@code DENY} rolls back;</li>
 *   <li>pre-rollout / rollout: {@code APPROVE} passes, {@code WAIT} is inconclusive, {@code DENY} is a failed
 *       check;</li>
 *   <li>rollback: {@code APPROVE} rolls back, anything else does not.</li>
 * </ul>
 */
public enum GateAnswer {
    APPROVE, WAIT, DENY
}
