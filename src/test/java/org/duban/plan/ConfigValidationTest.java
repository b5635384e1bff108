package org.duban.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.duban.DubanApplication;
import org.duban.campaign.CampaignProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Each test copies the real config/ into a temporary directory, breaks exactly one thing and checks
 * that loading stops with the file, the place in it and the problem named.
 */
class ConfigValidationTest {
  private static final WorkingCalendar CALENDAR = WorkingCalendar.load(Path.of("config", "calendar"));

  private static final Path REAL_CONFIG = Path.of("config");
  private static final String PLAN = "plans/civilized-unit.yaml";
  private static final String ORG = "organization.yaml";
  private static final String EVALUATION = "evaluation/civilized-unit.yaml";

  @TempDir Path dir;

  @BeforeEach
  void copyRealConfig() throws IOException {
    Files.createDirectories(dir.resolve("plans"));
    Files.copy(REAL_CONFIG.resolve(ORG), dir.resolve(ORG));
    for (String sub : List.of("plans", "evaluation")) {
      Files.createDirectories(dir.resolve(sub));
      try (Stream<Path> files = Files.list(REAL_CONFIG.resolve(sub))) {
        for (Path file : files.toList()) {
          Files.copy(file, dir.resolve(sub).resolve(file.getFileName()));
        }
      }
    }
  }

  // ---------------------------------------------------------------- positive control

  @Test
  void theRealConfigLoads() {
    BureauConfig real = BureauConfigLoader.load(REAL_CONFIG);
    BureauConfig copy = BureauConfigLoader.load(dir);

    for (BureauConfig config : List.of(real, copy)) {
      Plan plan = config.plan("civilized-unit").orElseThrow();
      assertThat(plan.stages()).extracting(Plan.Stage::id).containsExactlyElementsOf(CampaignProcess.STAGES);
      assertThat(plan.requireStage(CampaignProcess.FULL_CREATION).items()).hasSize(13);
      assertThat(config.organization().departments()).hasSizeGreaterThanOrEqualTo(12);
      assertThat(config.organization().department("party-committee")).isPresent();
      // all offsets: the plan fits whatever day the campaign starts
      assertThat(PlanDates.problems(plan, LocalDate.of(2026, 3, 1), CALENDAR)).isEmpty();
      Evaluation evaluation = config.evaluation(plan.evaluation()).orElseThrow();
      assertThat(evaluation.total()).isEqualByComparingTo("100");
      assertThat(evaluation.categories()).hasSize(11);
      assertThat(evaluation.numbered().get(1).label()).isEqualTo("1.2 制定创建工作方案并分解任务");
      assertThat(evaluation.numbered().get(0).folder()).isEqualTo("一、组织领导与创建机制");
    }
  }

  // ---------------------------------------------------------------- evaluation files

  @Test
  void categoryPointsMustAddUp() throws IOException {
    replaceOnce(EVALUATION, "title: 以正式文件成立创建工作领导小组, points: 2", "title: 以正式文件成立创建工作领导小组, points: 3");
    assertFails(EVALUATION, "categories[0].points: 12 but its items add up to 13");
  }

  @Test
  void totalMustBeTheSumOfTheCategories() throws IOException {
    replaceOnce(EVALUATION, "total: 100", "total: 90");
    assertFails(EVALUATION, "total: 90 but the categories add up to 100");
  }

  @Test
  void evaluationOwnersMustBeDepartments() throws IOException {
    replaceOnce(EVALUATION, "points: 2, owner: publicity,\n         evidence: [平台注册截图",
        "points: 2, owner: propaganda,\n         evidence: [平台注册截图");
    assertFails(EVALUATION, "categories[0].items[5].owner: unknown department 'propaganda' (not in organization.yaml)");
  }

  @Test
  void evaluationIdsAreUniqueAndPlanItemsExist() throws IOException {
    replaceOnce(EVALUATION, "{id: plan-and-breakdown,", "{id: leading-group,");
    replaceOnce(EVALUATION, "planItems: [online-registration]", "planItems: [online-registraton]");
    Throwable thrown = catchThrowable(() -> BureauConfigLoader.load(dir));
    assertThat(((ConfigFileException) thrown).problems()).containsExactly(
        "categories[0].items[1].id: duplicate id 'leading-group'",
        "categories[0].items[5].planItems[0]: unknown plan item 'online-registraton'");
  }

  @Test
  void aPlanNamingAMissingEvaluationFails() throws IOException {
    replaceOnce(PLAN, "evaluation: civilized-unit", "evaluation: civilised-unit");
    assertPlanFails("evaluation: no file config/evaluation/civilised-unit.yaml");
  }

  // ---------------------------------------------------------------- plan files

  @Test
  void unknownLeadDepartment() throws IOException {
    replaceOnce(PLAN, "lead: party-committee\n        assisting: [general-office, personnel]\n        due: +10d",
        "lead: party-comittee\n        assisting: [general-office, personnel]\n        due: +10d");

    assertPlanFails("stages[0].items[0].lead: unknown department 'party-comittee'");
  }

  @Test
  void unknownAssistingDepartment() throws IOException {
    replaceOnce(PLAN, "assisting: [general-office, personnel]\n        due: +10d",
        "assisting: [general-office, personel]\n        due: +10d");

    assertPlanFails("stages[0].items[0].assisting[1]: unknown department 'personel'");
  }

  @Test
  void offsetDueAfterTheEndOfItsStage() throws IOException {
    // preparation lasts +0d .. +30d
    replaceOnce(PLAN, "due: +10d\n        evidence: [领导小组成立文件", "due: +40d\n        evidence: [领导小组成立文件");

    assertPlanFails(
        "stages[0].items[0].due: +40d from the stage start lies after the stage end (the stage lasts 30 days)");
  }

  @Test
  void offsetDueOnTheLastDayOfItsStageIsFine() throws IOException {
    replaceOnce(PLAN, "due: +10d\n        evidence: [领导小组成立文件", "due: +30d\n        evidence: [领导小组成立文件");

    assertThat(BureauConfigLoader.load(dir).plan("civilized-unit").orElseThrow().item("set-up-leading-group"))
        .map(i -> i.due().toString()).contains("+30d");
  }

  @Test
  void absoluteDueOutsideAnAbsoluteStage() throws IOException {
    LocalDate start = LocalDate.of(2026, 3, 1);
    stageWindowsAsDates(start);
    // control: the windows alone, as dates, still load
    Plan plan = BureauConfigLoader.load(dir).plan("civilized-unit").orElseThrow();
    assertThat(plan.stages().get(0).start().absolute()).isEqualTo(start);
    assertThat(plan.stages().get(0).end().absolute()).isEqualTo(LocalDate.of(2026, 3, 31));

    replaceOnce(PLAN, "due: +10d\n        evidence: [领导小组成立文件", "due: 2026-04-15\n        evidence: [领导小组成立文件");

    assertPlanFails("stages[0].items[0].due: due date 2026-04-15 lies outside its stage (2026-03-01 – 2026-03-31)");
  }

  @Test
  void duplicatedItemId() throws IOException {
    replaceOnce(PLAN, "id: draft-implementation-plan", "id: set-up-leading-group");

    assertPlanFails("stages[0].items[1].id: duplicate id 'set-up-leading-group'");
  }

  @Test
  void missingItemTitle() throws IOException {
    replaceOnce(PLAN, "        title: 成立创建工作领导小组\n", "");

    assertPlanFails("stages[0].items[0].title: missing");
  }

  @Test
  void missingStageEnd() throws IOException {
    replaceOnce(PLAN, "    end: +30d\n", "");

    assertPlanFails("stages[0].end: missing");
  }

  @Test
  void unknownKeyNamesItsLine() throws IOException {
    replaceOnce(PLAN, "        title: 成立创建工作领导小组", "        tittle: 成立创建工作领导小组");
    int line = lineOf(PLAN, "tittle:");

    assertPlanFails("line " + line + ", stages[0].items[0].tittle: Unrecognized field \"tittle\"");
  }

  @Test
  void unknownKeyInAFlowMappingOfTheOrganization() throws IOException {
    replaceOnce(ORG, "{id: liaison-policy-law, name: 曹琳,", "{id: liaison-policy-law, nmae: 曹琳,");
    int line = lineOf(ORG, "nmae:");
    int policyLaw = departmentIndex("policy-law");

    assertOrganizationFails(
        "line " + line + ", departments[" + policyLaw + "].liaisons[0].nmae: Unrecognized field \"nmae\"");
  }

  @Test
  void unclosedBracketNamesTheLine() throws IOException {
    replaceOnce(PLAN, "        assisting: [general-office, personnel]\n        due: +10d",
        "        assisting: [general-office, personnel\n        due: +10d");
    int line = lineOf(PLAN, "assisting: [general-office, personnel\n");

    assertPlanFails("line " + (line + 1) + ", column 12: expected ',' or ']', but got : "
        + "(while parsing a flow sequence at line " + line + ", column 20)");
  }

  @Test
  void badIndentationNamesTheLine() throws IOException {
    replaceOnce(PLAN, "        due: +10d\n        evidence: [领导小组成立文件", "      due: +10d\n        evidence: [领导小组成立文件");
    int line = lineOf(PLAN, "      due: +10d\n        evidence: [领导小组成立文件");
    int item = lineOf(PLAN, "- id: set-up-leading-group");

    assertPlanFails("line " + line + ", column 7: expected <block end>, but found '?' "
        + "(while parsing a block collection at line " + item + ", column 7)");
  }

  @Test
  void impossibleDateNamesLineAndField() throws IOException {
    replaceOnce(PLAN, "due: +10d\n        evidence: [领导小组成立文件", "due: 2026-13-45\n        evidence: [领导小组成立文件");
    int line = lineOf(PLAN, "due: 2026-13-45");

    assertPlanFails("line " + line + ", stages[0].items[0].due: "
        + "'2026-13-45' is neither a date like 2026-12-01 nor an offset like +30d or +10wd (working days)");
  }

  @Test
  void wordForADateNamesLineAndField() throws IOException {
    replaceOnce(PLAN, "    end: +61d\n", "    end: soon\n");
    int line = lineOf(PLAN, "end: soon");

    assertPlanFails("line " + line + ", stages[1].end: 'soon' is neither a date like 2026-12-01 nor an offset like +30d or +10wd (working days)");
  }

  @Test
  void planIdMustMatchItsFileName() throws IOException {
    replaceOnce(PLAN, "\nid: civilized-unit\n", "\nid: civilised-unit\n");

    assertPlanFails("id: 'civilised-unit' must match the file name 'civilized-unit'");
  }

  // ---------------------------------------------------------------- organization.yaml

  @Test
  void departmentWithAnUnknownDeputy() throws IOException {
    replaceOnce(ORG, "name: 政策法规处\n    kind: 处室\n    deputy: deputy-liu", "name: 政策法规处\n    kind: 处室\n    deputy: deputy-wang");

    assertOrganizationFails("departments[" + departmentIndex("policy-law") + "].deputy: unknown leader 'deputy-wang'");
  }

  @Test
  void duplicatedUserId() throws IOException {
    int air = departmentIndex("air");
    int chengnan = departmentIndex("branch-chengnan");
    assertThat(air).as("air comes before branch-chengnan in organization.yaml").isLessThan(chengnan);
    replaceOnce(ORG, "{id: liaison-branch-chengnan,", "{id: liaison-air,");

    assertOrganizationFails("departments[" + chengnan + "].liaisons[0].id: duplicate id 'liaison-air'");
  }

  @Test
  void departmentIdReservedForARole() throws IOException {
    int soil = departmentIndex("soil");
    replaceOnce(ORG, "  - id: soil\n", "  - id: creation-office\n");

    assertOrganizationFails("departments[" + soil + "].id: 'creation-office' is reserved for a role group");
  }

  @Test
  void missingOrganizationFile() throws IOException {
    Files.delete(dir.resolve(ORG));

    assertOrganizationFails("file not found");
  }

  // ---------------------------------------------------------------- dates against a real start

  @Test
  void absoluteDueInOffsetWindowsIsCheckedAgainstTheCampaignStart() throws IOException {
    replaceOnce(PLAN, "due: +10d\n        evidence: [领导小组成立文件", "due: 2026-03-10\n        evidence: [领导小组成立文件");
    // mixed forms: nothing to say before a campaign starts
    Plan plan = BureauConfigLoader.load(dir).plan("civilized-unit").orElseThrow();

    assertThat(PlanDates.problems(plan, LocalDate.of(2026, 3, 1), CALENDAR)).isEmpty();
    assertThat(PlanDates.problems(plan, LocalDate.of(2026, 3, 10), CALENDAR)).isEmpty();
    assertThat(PlanDates.problems(plan, LocalDate.of(2026, 4, 1), CALENDAR))
        .containsExactly("stages[0].items[0].due: due date 2026-03-10 lies outside its stage (2026-04-01 – 2026-05-01)");
    assertThat(PlanDates.problems(plan, LocalDate.of(2026, 2, 1), CALENDAR))
        .containsExactly("stages[0].items[0].due: due date 2026-03-10 lies outside its stage (2026-02-01 – 2026-03-03)");
  }

  // ---------------------------------------------------------------- the application

  @Test
  void theApplicationRefusesToStartWithABrokenConfig() throws IOException {
    replaceOnce(PLAN, "lead: party-committee\n        assisting: [general-office, personnel]\n        due: +10d",
        "lead: party-comittee\n        assisting: [general-office, personnel]\n        due: +10d");
    String file = dir.resolve(PLAN).toString();
    String problem = "stages[0].items[0].lead: unknown department 'party-comittee'";

    // as command-line arguments: SpringApplicationBuilder.properties(...) would only be defaults,
    // overridden by application.yaml (the real config/, the file database under ./data, port 8080)
    Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(DubanApplication.class)
        .run(
            "--duban.config-dir=" + dir,
            "--spring.datasource.url=jdbc:h2:mem:broken-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            // neither a web server (the webapps' bootstrap would replace, then clear, the JVM-wide
            // delegates the other tests' Tasklist logins use) nor the "default" engine's name (closing
            // this failed context would unregister it; without '-', which the starter ignores)
            "--spring.main.web-application-type=none",
            "--camunda.bpm.process-engine-name=brokenConfig",
            "--camunda.bpm.job-execution.enabled=false")
        .close());

    assertThat(failure).as("the application started despite a broken plan").isNotNull();
    ConfigFileException cause = causes(failure).stream()
        .filter(ConfigFileException.class::isInstance).map(ConfigFileException.class::cast)
        .findFirst().orElse(null);
    assertThat(cause).as("a ConfigFileException in the cause chain of %s", failure).isNotNull();
    assertThat(cause.file()).isEqualTo(file);
    assertThat(cause.problems()).containsExactly(problem);

    FailureAnalysis analysis = new ConfigFileFailureAnalyzer().analyze(failure);
    assertThat(analysis).isNotNull();
    assertThat(analysis.getDescription()).contains(file).contains(problem);
    assertThat(analysis.getAction()).contains(file);

    // and Spring Boot finds the analyzer by itself (analyzers that need a bean factory are skipped here)
    assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class, null,
            SpringFactoriesLoader.FailureHandler.handleMessage((message, e) -> {})))
        .hasAtLeastOneElementOfType(ConfigFileFailureAnalyzer.class);
  }

  @Test
  void theFailureAnalyzerIgnoresOtherFailures() {
    assertThat(new ConfigFileFailureAnalyzer().analyze(new IllegalStateException("something else"))).isNull();
  }

  @Test
  void nonWorkingDueMustBeAKnownRule() throws IOException {
    replaceOnce(PLAN, "nonWorkingDue: next-working-day", "nonWorkingDue: next-workday");

    assertPlanFails("nonWorkingDue: 'next-workday' is not one of [next-working-day, keep] (next-working-day: a due date"
        + " on a day off moves to the next working day, the default; keep: it stays)");
  }

  @Test
  void nonWorkingDueDefaultsToTheNextWorkingDay() throws IOException {
    replaceOnce(PLAN, "nonWorkingDue: next-working-day\n", "");
    assertThat(BureauConfigLoader.load(dir).plan("civilized-unit").orElseThrow().nonWorkingDue()).isEqualTo(Plan.NEXT_WORKING_DAY);
  }

  @Test
  void nonWorkingDueMayKeepTheDate() throws IOException {
    replaceOnce(PLAN, "nonWorkingDue: next-working-day", "nonWorkingDue: keep");
    assertThat(BureauConfigLoader.load(dir).plan("civilized-unit").orElseThrow().nonWorkingDue()).isEqualTo(Plan.KEEP);
  }

  // ---------------------------------------------------------------- helpers

  private void assertPlanFails(String problem) {
    assertFails(PLAN, problem);
  }

  private void assertOrganizationFails(String problem) {
    assertFails(ORG, problem);
  }

  private void assertFails(String relative, String problem) {
    String file = dir.resolve(relative).toString();
    Throwable thrown = catchThrowable(() -> BureauConfigLoader.load(dir));
    assertThat(thrown).as("loading the broken config").isInstanceOf(ConfigFileException.class);
    ConfigFileException e = (ConfigFileException) thrown;
    assertThat(e.file()).isEqualTo(file);
    assertThat(e.problems()).containsExactly(problem);
    assertThat(e.getMessage()).isEqualTo(file + ":\n  - " + problem);
  }

  /** Replaces text that must occur exactly once in the copied file, so that one thing breaks. */
  private void replaceOnce(String relative, String from, String to) throws IOException {
    Path file = dir.resolve(relative);
    String text = Files.readString(file);
    int first = text.indexOf(from);
    assertThat(first).as("'%s' in %s", from, relative).isGreaterThanOrEqualTo(0);
    assertThat(text.indexOf(from, first + 1)).as("'%s' only once in %s", from, relative).isEqualTo(-1);
    Files.writeString(file, text.substring(0, first) + to + text.substring(first + from.length()));
  }

  /** The 1-based line where {@code text} starts in the copied file. */
  private int lineOf(String relative, String text) throws IOException {
    String content = Files.readString(dir.resolve(relative));
    int at = content.indexOf(text);
    assertThat(at).as("'%s' in %s", text, relative).isGreaterThanOrEqualTo(0);
    return (int) content.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  private static int departmentIndex(String id) {
    List<Organization.Department> departments = BureauConfigLoader.load(REAL_CONFIG).organization().departments();
    for (int i = 0; i < departments.size(); i++) {
      if (departments.get(i).id().equals(id)) {
        return i;
      }
    }
    throw new AssertionError("no department '" + id + "' in config/organization.yaml");
  }

  /** Stage start/end offsets of the copied plan, written as dates for a campaign starting on {@code start}. */
  private void stageWindowsAsDates(LocalDate start) throws IOException {
    Path file = dir.resolve(PLAN);
    Matcher m = Pattern.compile("(?m)^(    (?:start|end): )\\+(\\d+)d$").matcher(Files.readString(file));
    StringBuilder out = new StringBuilder();
    int windows = 0;
    while (m.find()) {
      m.appendReplacement(out, m.group(1) + start.plusDays(Long.parseLong(m.group(2))));
      windows++;
    }
    m.appendTail(out);
    assertThat(windows).isEqualTo(2 * CampaignProcess.STAGES.size());
    Files.writeString(file, out.toString());
  }

  private static List<Throwable> causes(Throwable t) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable c = t; c != null && !chain.contains(c); c = c.getCause()) {
      chain.add(c);
    }
    return chain;
  }
}
