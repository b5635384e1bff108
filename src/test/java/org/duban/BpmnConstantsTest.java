package org.duban;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.duban.campaign.CampaignProcess;
import org.duban.evaluation.EvaluationProcess;
import org.duban.supervision.ItemKind;
import org.duban.supervision.DigestProcess;
import org.duban.supervision.ItemProcess;
import org.junit.jupiter.api.Test;

/**
 * The BPMN files and the Java classes that spell their ids ({@link CampaignProcess}, {@link ItemProcess})
 * must not drift apart: a renamed task, a new gateway or a lost message fails here, naming the id.
 */
class BpmnConstantsTest {

  private static final Path BPMN_DIR = Path.of("bpmn");
  private static final Pattern ELEMENT_ID =
      Pattern.compile("^(StartEvent|EndEvent|Task|Gateway|EventGateway|Timer|Catch|Call)_\\w+");
  private static final String EMBEDDED = "embedded:deployment:";
  /** Evidence and trails are kept for the archive: the history outlasts the campaign and its inspection (issue 4). */
  private static final int MIN_HISTORY_DAYS = 3650;

  /** A class of constants and the models it spells: resource name -> model. */
  private record Spelled(Class<?> constants, Map<String, BpmnModelInstance> models) {
    String name() {
      return constants.getSimpleName();
    }

    String files() {
      return String.join(" or ", models.keySet());
    }
  }

  private static Spelled campaign() {
    return new Spelled(CampaignProcess.class, models(CampaignProcess.RESOURCE, CampaignProcess.STAGE_RESOURCE));
  }

  private static Spelled item() {
    return new Spelled(ItemProcess.class, models(ItemProcess.RESOURCE));
  }

  private static Spelled veto() {
    return new Spelled(EvaluationProcess.class, models(EvaluationProcess.RESOURCE));
  }

  private static Spelled digest() {
    return new Spelled(DigestProcess.class, models(DigestProcess.RESOURCE));
  }

  /** Every constants class with its models: a new BPMN file must join here (everyModelIsSpelled). */
  private static List<Spelled> all() {
    return List.of(campaign(), item(), veto(), digest());
  }

  private static Map<String, BpmnModelInstance> models(String... resources) {
    Map<String, BpmnModelInstance> models = new LinkedHashMap<>();
    for (String resource : resources) {
      File file = BPMN_DIR.resolve(resource).toFile();
      assertThat(file).as("the RESOURCE constant '%s' names a file under bpmn/", resource).isFile();
      models.put(resource, Bpmn.readModelFromFile(file));
    }
    return models;
  }

  // ---------------------------------------------------------------- the checks, on the real files

  @Test
  void processIdsAreTheKeys() {
    assertThat(processIdDrift(CampaignProcess.KEY, CampaignProcess.RESOURCE, campaign().models())).isEmpty();
    assertThat(processIdDrift(CampaignProcess.STAGE_KEY, CampaignProcess.STAGE_RESOURCE, campaign().models())).isEmpty();
    assertThat(processIdDrift(ItemProcess.KEY, ItemProcess.RESOURCE, item().models())).isEmpty();
    assertThat(processIdDrift(EvaluationProcess.KEY, EvaluationProcess.RESOURCE, veto().models())).isEmpty();
    assertThat(processIdDrift(DigestProcess.KEY, DigestProcess.RESOURCE, digest().models())).isEmpty();
  }

  @Test
  void everyModelIsSpelled() throws IOException {
    List<String> spelled = all().stream().flatMap(s -> s.models().keySet().stream()).toList();
    try (var files = Files.list(BPMN_DIR)) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".bpmn")))
          .as("every file of bpmn/ has a constants class").containsExactlyInAnyOrderElementsOf(spelled);
    }
  }

  @Test
  void everyIdConstantIsAFlowNode() {
    all().forEach(s -> assertThat(idConstantDrift(s)).isEmpty());
  }

  @Test
  void everyFlowNodeIsNamedByAConstant() {
    all().forEach(s -> assertThat(unnamedFlowNodes(s)).isEmpty());
  }

  @Test
  void messagesAndTheirConstantsMatch() {
    assertThat(messageDrift(campaign())).isEmpty();
    assertThat(messageDrift(item())).isEmpty();
    // the one message the stage waits for is really there
    assertThat(messageNames(campaign())).contains(CampaignProcess.MSG_STAGE_ITEMS_CLOSED);
  }

  @Test
  void formKeysAreConstantsAndTheFormsExist() {
    assertThat(formDrift(campaign())).isEmpty();
    assertThat(formDrift(item())).isEmpty();
    assertThat(formDrift(veto())).isEmpty();
    // 办理 and 审核 take the forms their item's kind chooses, from the item's record
    assertThat(formKeys(item())).containsExactlyInAnyOrder(
        "${itemRecord.handleForm(execution)}", "${itemRecord.reviewForm(execution)}", ItemProcess.FORM_EXTENSION);
  }

  @Test
  void stageCallsFollowTheStagesInOrder() {
    BpmnModelInstance model = campaign().models().get(CampaignProcess.RESOURCE);
    assertThat(stageCallDrift(model)).isEmpty();
    assertThat(callActivitiesInFlowOrder(model)).containsExactlyElementsOf(CampaignProcess.STAGE_CALLS);
  }

  @Test
  void everyProcessKeepsItsHistoryForThreeYears() {
    List<String> drift = new ArrayList<>();
    for (Spelled s : all()) {
      s.models().forEach((resource, model) -> drift.addAll(historyDrift(resource, model)));
    }
    assertThat(drift).isEmpty();
  }

  // ---------------------------------------------------------------- the checks can fail

  @Test
  void aRenamedTaskIsReported() {
    Spelled drifted = withStageModel(xml -> xml.replace("Task_PlanStage", "Task_PlanTheStage"));

    assertThat(idConstantDrift(drifted)).containsExactly("CampaignProcess.TASK_PLAN_STAGE = \"Task_PlanStage\""
        + " is no flow node of campaign.bpmn or campaign-stage.bpmn");
    assertThat(unnamedFlowNodes(drifted)).containsExactly(
        "campaign-stage.bpmn: flow node 'Task_PlanTheStage' is named by no constant of CampaignProcess");
  }

  @Test
  void aRenamedMessageIsReported() {
    Spelled drifted = withStageModel(xml -> xml.replace("name=\"Msg_StageItemsClosed\"", "name=\"Msg_ItemsClosed\""));

    assertThat(messageDrift(drifted)).containsExactlyInAnyOrder(
        "CampaignProcess.MSG_STAGE_ITEMS_CLOSED = \"Msg_StageItemsClosed\" is no message of campaign.bpmn or campaign-stage.bpmn",
        "campaign-stage.bpmn: message 'Msg_ItemsClosed' is named by no constant of CampaignProcess");
  }

  @Test
  void aFormKeyWithoutConstantOrFileIsReported() {
    Spelled drifted = withStageModel(xml -> xml.replace("forms/gate-return.html", "forms/gate-returned.html"));

    assertThat(formDrift(drifted)).containsExactlyInAnyOrder(
        "campaign-stage.bpmn: form key 'embedded:deployment:forms/gate-returned.html' is no FORM_* constant of CampaignProcess",
        "campaign-stage.bpmn: form key 'embedded:deployment:forms/gate-returned.html' names a missing file bpmn/forms/gate-returned.html",
        "CampaignProcess.FORM_GATE_RETURN = \"embedded:deployment:forms/gate-return.html\" is used by no model");
  }

  @Test
  void swappedStagesAreReported() throws IOException {
    String xml = Files.readString(BPMN_DIR.resolve(CampaignProcess.RESOURCE));
    String swapped = xml.replace("sourceExpression=\"self-check\"", "sourceExpression=\"@@\"")
        .replace("sourceExpression=\"rectification\"", "sourceExpression=\"self-check\"")
        .replace("sourceExpression=\"@@\"", "sourceExpression=\"rectification\"");
    assertThat(swapped).isNotEqualTo(xml);

    assertThat(stageCallDrift(read(swapped))).containsExactly(
        "Call_SelfCheck passes stageId 'rectification' to campaign-stage, expected 'self-check'",
        "Call_Rectification passes stageId 'self-check' to campaign-stage, expected 'rectification'");
  }

  @Test
  void aShortHistoryIsReported() throws IOException {
    String xml = Files.readString(BPMN_DIR.resolve(ItemProcess.RESOURCE));
    // years, but not enough of them
    String shortLived = xml.replace("camunda:historyTimeToLive=\"3650\"", "camunda:historyTimeToLive=\"1095\"");
    assertThat(shortLived).isNotEqualTo(xml);

    assertThat(historyDrift(ItemProcess.RESOURCE, read(shortLived))).containsExactly(
        "supervised-item.bpmn: process 'supervised-item' keeps its history 1095 days, less than 3650");
  }

  @Test
  void aWrongProcessIdIsReported() {
    assertThat(processIdDrift("supervised-items", ItemProcess.RESOURCE, item().models())).containsExactly(
        "supervised-item.bpmn: process id 'supervised-item' is not the KEY constant 'supervised-items'");
  }

  // ---------------------------------------------------------------- checks: each returns what drifted

  private static List<String> processIdDrift(String key, String resource, Map<String, BpmnModelInstance> models) {
    BpmnModelInstance model = models.get(resource);
    Collection<Process> processes = model.getModelElementsByType(Process.class);
    if (processes.size() != 1) {
      return List.of(resource + ": " + processes.size() + " processes, expected exactly one");
    }
    String id = processes.iterator().next().getId();
    return id.equals(key) ? List.of() : List.of(resource + ": process id '" + id + "' is not the KEY constant '" + key + "'");
  }

  private static List<String> idConstantDrift(Spelled s) {
    Set<String> flowNodes = new HashSet<>();
    s.models().values().forEach(m -> flowNodes.addAll(flowNodeIds(m)));
    List<String> drift = new ArrayList<>();
    constants(s.constants()).forEach((name, value) -> {
      if (ELEMENT_ID.matcher(value).find() && !flowNodes.contains(value)) {
        drift.add(s.name() + "." + name + " = \"" + value + "\" is no flow node of " + s.files());
      }
    });
    return drift;
  }

  private static List<String> unnamedFlowNodes(Spelled s) {
    Set<String> values = new HashSet<>(constants(s.constants()).values());
    List<String> drift = new ArrayList<>();
    s.models().forEach((resource, model) -> {
      for (String id : flowNodeIds(model)) {
        if (!values.contains(id)) {
          drift.add(resource + ": flow node '" + id + "' is named by no constant of " + s.name());
        }
      }
    });
    return drift;
  }

  private static List<String> messageDrift(Spelled s) {
    Set<String> messages = messageNames(s);
    Map<String, String> constants = constants(s.constants());
    List<String> drift = new ArrayList<>();
    constants.forEach((name, value) -> {
      if (value.startsWith("Msg_") && !messages.contains(value)) {
        drift.add(s.name() + "." + name + " = \"" + value + "\" is no message of " + s.files());
      }
    });
    s.models().forEach((resource, model) -> {
      for (Message message : model.getModelElementsByType(Message.class)) {
        if (!constants.containsValue(message.getName())) {
          drift.add(resource + ": message '" + message.getName() + "' is named by no constant of " + s.name());
        }
      }
    });
    return drift;
  }

  private static List<String> formDrift(Spelled s) {
    Map<String, String> forms = new LinkedHashMap<>();
    constants(s.constants()).forEach((name, value) -> {
      if (name.startsWith("FORM_")) {
        forms.put(name, value);
      }
    });
    List<String> drift = new ArrayList<>();
    Set<String> used = new HashSet<>();
    Map<String, String> constants = new LinkedHashMap<>(constants(s.constants()));
    for (Class<?> nested : s.constants().getDeclaredClasses()) {
      constants.putAll(constants(nested));
    }
    s.models().forEach((resource, model) -> {
      for (String key : formKeys(model)) {
        Matcher expression = Pattern.compile("\\$\\{(\\w+)}").matcher(key);
        if (expression.matches()) {
          if (!constants.containsValue(expression.group(1))) {
            drift.add(resource + ": form key '" + key + "' reads no variable constant of " + s.name());
          }
          continue;
        }
        if (!key.startsWith(EMBEDDED)) {
          continue;
        }
        used.add(key);
        if (!forms.containsValue(key)) {
          drift.add(resource + ": form key '" + key + "' is no FORM_* constant of " + s.name());
        }
        Path form = BPMN_DIR.resolve(key.substring(EMBEDDED.length()));
        if (!Files.isRegularFile(form)) {
          drift.add(resource + ": form key '" + key + "' names a missing file bpmn/" + key.substring(EMBEDDED.length()));
        }
      }
    });
    // forms chosen by an item's kind are used through the expression keys
    for (ItemKind kind : ItemKind.values()) {
      for (String key : List.of(kind.handleForm, kind.reviewForm)) {
        if (s.constants() == ItemProcess.class) {
          used.add(key);
          if (!Files.isRegularFile(BPMN_DIR.resolve(key.substring(EMBEDDED.length())))) {
            drift.add("ItemKind." + kind + ": form '" + key + "' names a missing file");
          }
        }
      }
    }
    forms.forEach((name, value) -> {
      if (!used.contains(value)) {
        drift.add(s.name() + "." + name + " = \"" + value + "\" is used by no model");
      }
    });
    return drift;
  }

  /** Each stage call activity calls campaign-stage and passes its stage id, in the order of STAGES. */
  private static List<String> stageCallDrift(BpmnModelInstance model) {
    List<String> drift = new ArrayList<>();
    List<String> calls = callActivitiesInFlowOrder(model);
    if (!calls.equals(CampaignProcess.STAGE_CALLS)) {
      drift.add("campaign.bpmn: call activities in flow order are " + calls + ", STAGE_CALLS are " + CampaignProcess.STAGE_CALLS);
    }
    Set<String> all = model.getModelElementsByType(CallActivity.class).stream()
        .map(CallActivity::getId).collect(Collectors.toSet());
    if (!all.equals(Set.copyOf(calls))) {
      drift.add("campaign.bpmn: call activities " + all + " are not all on the path from the start event: " + calls);
    }
    for (int i = 0; i < CampaignProcess.STAGE_CALLS.size() && i < CampaignProcess.STAGES.size(); i++) {
      String id = CampaignProcess.STAGE_CALLS.get(i);
      String stage = CampaignProcess.STAGES.get(i);
      if (!(model.getModelElementById(id) instanceof CallActivity call)) {
        drift.add("campaign.bpmn: no call activity " + id + " for stage '" + stage + "'");
        continue;
      }
      if (!CampaignProcess.STAGE_KEY.equals(call.getCalledElement())) {
        drift.add(id + " calls '" + call.getCalledElement() + "', not " + CampaignProcess.STAGE_KEY);
      }
      List<String> passed = call.getExtensionElements() == null ? List.of()
          : call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list().stream()
              .filter(in -> CampaignProcess.Var.STAGE_ID.equals(in.getCamundaTarget()))
              .map(in -> in.getCamundaSourceExpression() != null ? in.getCamundaSourceExpression()
                  : "(source variable " + in.getCamundaSource() + ")")
              .toList();
      if (passed.size() != 1) {
        drift.add(id + " passes " + CampaignProcess.Var.STAGE_ID + " " + passed.size() + " times (" + passed
            + "), expected once as sourceExpression '" + stage + "'");
      } else if (!passed.get(0).equals(stage)) {
        drift.add(id + " passes stageId '" + passed.get(0) + "' to " + CampaignProcess.STAGE_KEY + ", expected '" + stage + "'");
      }
    }
    return drift;
  }

  private static List<String> historyDrift(String resource, BpmnModelInstance model) {
    List<String> drift = new ArrayList<>();
    for (Process process : model.getModelElementsByType(Process.class)) {
      String ttl = process.getCamundaHistoryTimeToLiveString();
      Matcher days = ttl == null ? null : Pattern.compile("(?:P)?(\\d+)(?:D)?").matcher(ttl.trim());
      if (days == null || !days.matches()) {
        drift.add(resource + ": process '" + process.getId() + "' has no historyTimeToLive in days: " + ttl);
      } else if (Integer.parseInt(days.group(1)) < MIN_HISTORY_DAYS) {
        drift.add(resource + ": process '" + process.getId() + "' keeps its history " + days.group(1)
            + " days, less than " + MIN_HISTORY_DAYS);
      }
    }
    return drift;
  }

  // ---------------------------------------------------------------- model helpers

  private static List<String> flowNodeIds(BpmnModelInstance model) {
    return model.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId).sorted().toList();
  }

  private static Set<String> messageNames(Spelled s) {
    return s.models().values().stream()
        .flatMap(m -> m.getModelElementsByType(Message.class).stream())
        .map(Message::getName)
        .collect(Collectors.toSet());
  }

  private static Set<String> formKeys(Spelled s) {
    return s.models().values().stream().flatMap(m -> formKeys(m).stream()).collect(Collectors.toSet());
  }

  private static List<String> formKeys(BpmnModelInstance model) {
    List<String> keys = new ArrayList<>();
    model.getModelElementsByType(UserTask.class).forEach(t -> {
      if (t.getCamundaFormKey() != null) keys.add(t.getCamundaFormKey());
    });
    model.getModelElementsByType(StartEvent.class).forEach(e -> {
      if (e.getCamundaFormKey() != null) keys.add(e.getCamundaFormKey());
    });
    return keys;
  }

  /** The call activities met walking the sequence flows from the (single) start event. */
  private static List<String> callActivitiesInFlowOrder(BpmnModelInstance model) {
    Collection<StartEvent> starts = model.getModelElementsByType(StartEvent.class);
    assertThat(starts).as("start events of campaign.bpmn").hasSize(1);
    List<String> calls = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    FlowNode node = starts.iterator().next();
    while (node != null && seen.add(node.getId())) {
      if (node instanceof CallActivity) {
        calls.add(node.getId());
      }
      Collection<SequenceFlow> out = node.getOutgoing();
      assertThat(out).as("campaign.bpmn must not branch at %s: the stage order would be ambiguous", node.getId())
          .hasSizeLessThanOrEqualTo(1);
      node = out.isEmpty() ? null : out.iterator().next().getTarget();
    }
    return calls;
  }

  /** The public static final String constants declared by the class itself (not its nested classes). */
  private static Map<String, String> constants(Class<?> type) {
    Map<String, String> constants = new LinkedHashMap<>();
    for (Field f : type.getDeclaredFields()) {
      int mod = f.getModifiers();
      if (Modifier.isPublic(mod) && Modifier.isStatic(mod) && Modifier.isFinal(mod) && f.getType() == String.class) {
        try {
          constants.put(f.getName(), (String) f.get(null));
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    assertThat(constants).as("constants of %s", type.getSimpleName()).isNotEmpty();
    return constants;
  }

  private static Spelled withStageModel(java.util.function.UnaryOperator<String> edit) {
    try {
      String xml = Files.readString(BPMN_DIR.resolve(CampaignProcess.STAGE_RESOURCE));
      String edited = edit.apply(xml);
      assertThat(edited).as("the edit changed campaign-stage.bpmn").isNotEqualTo(xml);
      Map<String, BpmnModelInstance> models = new LinkedHashMap<>(campaign().models());
      models.put(CampaignProcess.STAGE_RESOURCE, read(edited));
      return new Spelled(CampaignProcess.class, models);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static BpmnModelInstance read(String xml) {
    return Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }
}
