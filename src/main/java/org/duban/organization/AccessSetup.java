package org.duban.organization;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.duban.campaign.CampaignProcess;
import org.duban.evaluation.EvaluationProcess;
import org.duban.plan.BureauConfig;
import org.duban.supervision.ItemProcess;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Grants (never revokes: revoke checks are slow on PostgreSQL) and the shared Tasklist filters.
 * Task permissions come from candidate groups by the engine's default, set to TASK_WORK (claim and
 * complete, not UPDATE: no reassigning, no new candidate groups, no due dates, no variables outside a
 * completion); everything else is here.
 */
@Component
public class AccessSetup {
  private final AuthorizationService auth;
  private final FilterService filters;
  private final TaskService tasks;

  AccessSetup(AuthorizationService auth, FilterService filters, TaskService tasks) {
    this.auth = auth;
    this.filters = filters;
    this.tasks = tasks;
  }

  /** Tasklist filters, in the order they are listed. */
  enum TasklistFilter {
    DEPARTMENT_TODO("本处室待办", "本处室（本组）可签收和已签收的事项"),
    MY_TODO("我的待办", "我已签收的事项"),
    DUE_SOON("即将到期", "三天内到期的事项"),
    OVERDUE("已超期", "已过到期日仍未提交的事项"),
    TO_APPROVE("待我审批", "等待创建办主任审批的阶段转换、延期申请和一票否决事项");

    final String title;
    final String description;

    TasklistFilter(String title, String description) {
      this.title = title;
      this.description = description;
    }
  }

  @Transactional
  public void apply(BureauConfig config) {
    List<String> workers = new ArrayList<>();
    config.organization().departments().forEach(d -> workers.add(d.id()));
    workers.addAll(List.of(Roles.CREATION_OFFICE, Roles.CREATION_OFFICE_DIRECTOR, Roles.LEADING_GROUP, Roles.LEADERS));

    // the administrators may do everything, through grants an administrator can read in Admin
    for (Resources resource : Resources.values()) {
      grant(Roles.ADMIN, resource, "*", Permissions.ALL);
    }
    for (String group : workers) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      // Tasklist shows the process name and loads embedded forms from the deployment
      grant(group, Resources.PROCESS_DEFINITION, ItemProcess.KEY, Permissions.READ);
    }
    grant(Roles.CREATION_OFFICE_DIRECTOR, Resources.PROCESS_DEFINITION, CampaignProcess.STAGE_KEY, Permissions.READ);
    grant(Roles.CREATION_OFFICE, Resources.PROCESS_DEFINITION, CampaignProcess.STAGE_KEY, Permissions.READ);
    // the inspection result (campaign.bpmn) and the veto review: their forms come from those deployments
    grant(Roles.CREATION_OFFICE, Resources.PROCESS_DEFINITION, CampaignProcess.KEY, Permissions.READ);
    grant(Roles.CREATION_OFFICE_DIRECTOR, Resources.PROCESS_DEFINITION, EvaluationProcess.KEY, Permissions.READ);
    // starting a campaign (director) and adding an ad-hoc item (creation office) go through the engine's checks
    grant(Roles.CREATION_OFFICE_DIRECTOR, Resources.PROCESS_DEFINITION, CampaignProcess.KEY, ProcessDefinitionPermissions.CREATE_INSTANCE);
    grant(Roles.CREATION_OFFICE_DIRECTOR, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    // supervised items are started by Duban's own code (ItemStarter), never straight through the engine
    withdraw(Roles.CREATION_OFFICE, Resources.PROCESS_DEFINITION, ItemProcess.KEY, ProcessDefinitionPermissions.CREATE_INSTANCE);
    withdraw(Roles.CREATION_OFFICE, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    narrowTaskGrants();

    Map<TasklistFilter, TaskQuery> queries = Map.of(
        TasklistFilter.DEPARTMENT_TODO, tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks(),
        TasklistFilter.MY_TODO, tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"),
        TasklistFilter.DUE_SOON, tasks.createTaskQuery().followUpBeforeExpression("${now()}").dueAfterExpression("${now()}"),
        TasklistFilter.OVERDUE, tasks.createTaskQuery().dueBeforeExpression("${now()}"),
        TasklistFilter.TO_APPROVE, tasks.createTaskQuery().taskCandidateGroup(Roles.CREATION_OFFICE_DIRECTOR));
    for (TasklistFilter f : TasklistFilter.values()) {
      String id = filter(f, queries.get(f));
      List<String> readers = f == TasklistFilter.TO_APPROVE ? List.of(Roles.CREATION_OFFICE_DIRECTOR) : workers;
      readers.forEach(group -> grant(group, Resources.FILTER, id, Permissions.READ));
    }
  }

  private String filter(TasklistFilter f, TaskQuery query) {
    Filter existing = filters.createFilterQuery().filterName(f.title).singleResult();
    Filter filter = existing != null ? existing : filters.newTaskFilter(f.title);
    filter.setQuery(query.orderByDueDate().asc());
    filter.setProperties(Map.of("description", f.description, "priority", f.ordinal(), "refresh", true));
    return filters.saveFilter(filter).getId();
  }

  /** A grant an earlier version made and this one no longer wants (removed from the grant, not revoked). */
  private void withdraw(String group, Resource resource, String resourceId, Permission permission) {
    Authorization a = auth.createAuthorizationQuery()
        .groupIdIn(group).resourceType(resource).resourceId(resourceId)
        .authorizationType(Authorization.AUTH_TYPE_GRANT).singleResult();
    if (a != null && a.isPermissionGranted(permission)) {
      a.removePermission(permission);
      auth.saveAuthorization(a);
    }
  }

  /**
   * Tasks created before candidate groups got TASK_WORK carry UPDATE for their candidates and
   * assignee: narrowed to TASK_WORK, so that they hold what new tasks hold.
   */
  private void narrowTaskGrants() {
    for (Authorization a : auth.createAuthorizationQuery().resourceType(Resources.TASK).hasPermission(Permissions.UPDATE).list()) {
      if (Roles.ADMIN.equals(a.getGroupId()) || "*".equals(a.getResourceId())) {
        continue;
      }
      a.removePermission(Permissions.UPDATE);
      a.addPermission(Permissions.TASK_WORK);
      auth.saveAuthorization(a);
    }
  }

  private void grant(String group, Resource resource, String resourceId, Permission permission) {
    Authorization a = auth.createAuthorizationQuery()
        .groupIdIn(group).resourceType(resource).resourceId(resourceId)
        .authorizationType(Authorization.AUTH_TYPE_GRANT).singleResult();
    if (a == null) {
      a = auth.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      a.setGroupId(group);
      a.setResource(resource);
      a.setResourceId(resourceId);
    } else if (a.isPermissionGranted(permission)) {
      return;
    }
    a.addPermission(permission);
    auth.saveAuthorization(a);
  }
}
