package org.duban.web;

import org.junit.jupiter.api.Tag;

/** {@link ConcurrentUsersTest} in the benchmark suite (`mvn -Pbenchmark test`), so its figures come from the same run. */
@Tag("benchmark")
class ConcurrentUsersBenchmark extends ConcurrentUsersTest {}
