package org.duban.system;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.duban.notification.OutboxCounts;
import org.duban.plan.BureauConfig;
import org.duban.plan.Organization;
import org.duban.supervision.ItemCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Duban's gauges on /actuator/prometheus (README, "Operations"), computed when a scrape asks: one query
 * per family, whatever the number of items. A collector on the Prometheus registry that Micrometer's
 * meters (JVM, HTTP, pool) are written to as well: a Micrometer gauge reads one number at a time, and
 * label sets that come and go (a new campaign, its stages) would need a MultiGauge refreshed on a
 * schedule of its own; this reads everything once per scrape instead.
 */
@Component
class OperationsMetrics implements MultiCollector {
  private static final Logger log = LoggerFactory.getLogger(OperationsMetrics.class);

  private final ItemCounts items;
  private final OutboxCounts outbox;
  private final ManagementService management;
  private final RuntimeService runtime;
  private final Organization organization;

  OperationsMetrics(ObjectProvider<PrometheusRegistry> registry, ItemCounts items, OutboxCounts outbox,
      ManagementService management, RuntimeService runtime, BureauConfig config) {
    this.items = items;
    this.outbox = outbox;
    this.management = management;
    this.runtime = runtime;
    this.organization = config.organization();
    registry.ifAvailable(r -> r.register(this));
  }

  @Override
  public MetricSnapshots collect() {
    try {
      Map<String, ItemCounts.Open> open = openByDepartment();
      return MetricSnapshots.of(
          byDepartment("duban_items_open", "Supervised items not closed, per responsible department", open, ItemCounts.Open::open),
          byDepartment("duban_items_overdue", "Open supervised items past their due date and not in review, per department",
              open, ItemCounts.Open::overdue),
          created(), mails(),
          gauge("duban_jobs_executable", "Jobs due now and not yet done by the job executor (the backlog)")
              .dataPoint(point(management.createJobQuery().executable().count(), Labels.EMPTY)).build(),
          gauge("duban_incidents", "Open incidents of the engine (jobs out of retries and the like), see Cockpit")
              .dataPoint(point(runtime.createIncidentQuery().count(), Labels.EMPTY)).build());
    } catch (DataAccessException | ProcessEngineException e) {
      // the JVM's metrics still answer; the database's health says what is wrong
      log.warn("Duban's metrics left out of this scrape: {}", e.toString());
      return MetricSnapshots.of();
    }
  }

  /** Every department of organization.yaml (0 without open items), and any other that still has items. */
  private Map<String, ItemCounts.Open> openByDepartment() {
    Map<String, ItemCounts.Open> open = new TreeMap<>();
    organization.departments().forEach(d -> open.put(d.id(), new ItemCounts.Open(0, 0)));
    open.putAll(items.openByDepartment());
    return open;
  }

  private static GaugeSnapshot byDepartment(String name, String help, Map<String, ItemCounts.Open> open,
      ToLongFunction<ItemCounts.Open> value) {
    GaugeSnapshot.Builder gauge = gauge(name, help);
    open.forEach((department, counts) -> gauge.dataPoint(point(value.applyAsLong(counts), Labels.of("department", department))));
    return gauge.build();
  }

  private GaugeSnapshot created() {
    GaugeSnapshot.Builder created = gauge("duban_items_launched", "Supervised items created so far, per campaign and stage (launch progress)");
    items.createdByStage().forEach(c -> created.dataPoint(point(c.items(), Labels.of("campaign", c.campaignId(), "stage", c.stageId()))));
    return created.build();
  }

  private GaugeSnapshot mails() {
    GaugeSnapshot.Builder mails = gauge("duban_mails", "Mails of the outbox by status: pending, sent, failed, no_address");
    outbox.byStatus().forEach((status, count) ->
        mails.dataPoint(point(count, Labels.of("status", status.name().toLowerCase(Locale.ROOT)))));
    return mails.build();
  }

  private static GaugeSnapshot.Builder gauge(String name, String help) {
    return GaugeSnapshot.builder().name(name).help(help);
  }

  private static GaugeSnapshot.GaugeDataPointSnapshot point(long value, Labels labels) {
    return GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).labels(labels).build();
  }
}
