package org.duban.reporting;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * duban.ranking.*: the one rule behind 考核排名. Every department starts at {@code base} and loses
 * points for each of its items that is or was late (逾期), more as lead (牵头) than as assisting unit (配合).
 */
@ConfigurationProperties("duban.ranking")
record RankingRule(
    @DefaultValue("100") int base,
    @DefaultValue("5") int leadOverdue,
    @DefaultValue("3") int assistOverdue) {

  int score(int lateLead, int lateAssist) {
    return base - leadOverdue * lateLead - assistOverdue * lateAssist;
  }

  /** The rule as the page states it. */
  String text() {
    return "基础分 " + base + " 分；作为牵头单位每有 1 项事项逾期扣 " + leadOverdue + " 分，作为配合单位每有 1 项逾期扣 "
        + assistOverdue + " 分（逾期：已超期未办结，或超过完成时限才提交办理情况）。得分相同名次并列，按期完成率高者列前。";
  }
}
