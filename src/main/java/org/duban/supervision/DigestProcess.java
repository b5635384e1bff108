package org.duban.supervision;

/** leader-digest.bpmn: one instance loops for good, a timer a day; the one place that spells its ids. */
public final class DigestProcess {
  public static final String KEY = "leader-digest";
  public static final String RESOURCE = "leader-digest.bpmn";

  public static final String START_EVENT = "StartEvent_DigestLoopStarted";
  public static final String GATEWAY_LOOP = "Gateway_DigestLoop";
  /** Set by {@link LeaderDigest#nextAt()}: the next digest hour. */
  public static final String TIMER_NEXT_DIGEST = "Timer_NextDigest";
  public static final String TASK_SEND_DIGESTS = "Task_SendDigests";

  private DigestProcess() {}
}
