package org.duban.supervision;

import java.time.OffsetDateTime;

public record ItemEvent(ItemEventKind kind, String actor, OffsetDateTime at, String detail) {}
