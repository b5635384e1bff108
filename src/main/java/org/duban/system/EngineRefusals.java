package org.duban.system;

import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterListCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterListPageCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.duban.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Duban's refusals reach the person as what they are. A rule broken in a task listener (report too
 * short, evidence missing, reviewing one's own department) arrives wrapped in ENGINE-03051, which the
 * engine logs with a stack trace and the REST APIs answer with 500. Two interceptors undo that:
 * inside the command context the refusal is unwrapped (the engine then logs it at DEBUG and rolls
 * back as before); around the outermost command of an HTTP request it becomes the 4xx the REST
 * APIs pass on (400, or the status of an {@link ApiException}; 409 for a concurrent change).
 */
@Component
class EngineRefusals extends AbstractProcessEnginePlugin {
  private static final Logger log = LoggerFactory.getLogger(EngineRefusals.class);
  private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomPreCommandInterceptorsTxRequired(add(configuration.getCustomPreCommandInterceptorsTxRequired(), new ForRequests()));
    configuration.setCustomPostCommandInterceptorsTxRequired(add(configuration.getCustomPostCommandInterceptorsTxRequired(), new Unwrap()));
  }

  private static List<CommandInterceptor> add(List<CommandInterceptor> list, CommandInterceptor interceptor) {
    List<CommandInterceptor> all = list == null ? new ArrayList<>() : new ArrayList<>(list);
    all.add(interceptor);
    return all;
  }

  /** The refusal a listener or delegate threw, if the exception is (or wraps) one. */
  static RuntimeException refusal(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BadUserRequestException || t instanceof AuthorizationException) {
        return (RuntimeException) t;
      }
    }
    return null;
  }

  /** Inside the command context: the engine sees the refusal itself, not ENGINE-03051 around it. */
  static class Unwrap extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (RuntimeException e) {
        RuntimeException refusal = refusal(e);
        throw refusal != null ? refusal : e;
      }
    }
  }

  /**
   * Around the outermost command of an HTTP request (never of a job: the job executor must see
   * its exceptions as they are, an optimistic-locking failure above all).
   */
  static class ForRequests extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      int depth = DEPTH.get();
      if (depth > 0 || RequestContextHolder.getRequestAttributes() == null) {
        return nextInside(command, depth);
      }
      try {
        return listOnceMore(command, depth);
      } catch (ApiException e) {
        log.info("Refused ({}): {}", e.status().value(), e.getMessage());
        throw new InvalidRequestException(Response.Status.fromStatusCode(e.status().value()), e.getMessage());
      } catch (TaskAlreadyClaimedException e) {
        throw new InvalidRequestException(Response.Status.CONFLICT, "该任务已由他人签收，请刷新后查看。");
      } catch (BadUserRequestException e) {
        log.info("Refused (400): {}", e.getMessage());
        throw new InvalidRequestException(Response.Status.BAD_REQUEST, e.getMessage());
      } catch (OptimisticLockingException e) {
        log.info("Concurrent change refused (409): {}", e.getMessage());
        throw new InvalidRequestException(Response.Status.CONFLICT, "该任务已被他人同时处理，请刷新后重试。");
      } catch (NullValueException e) {
        // a task completed (or claimed) a moment ago by someone else: gone, not a server error
        if (e.getMessage() != null && e.getMessage().contains("Cannot find task")) {
          throw new InvalidRequestException(Response.Status.NOT_FOUND, "任务不存在或已办理完毕，请刷新后查看。");
        }
        throw e;
      }
    }

    /**
     * A task list reads each task's form key after its query; a task completed in between takes its execution
     * along, and the engine fails building it for the key's expression. A list is a read: asked once more, it no
     * longer holds that task.
     */
    private <T> T listOnceMore(Command<T> command, int depth) {
      try {
        return nextInside(command, depth);
      } catch (ProcessEngineException e) {
        boolean list = command instanceof TaskQueryImpl || command instanceof ExecuteFilterListCmd
            || command instanceof ExecuteFilterListPageCmd;
        if (!list || !causedBy(e, NullPointerException.class)) {
          throw e;
        }
        log.info("Task list read again: a task went away while it was read ({})", e.getMessage());
        return nextInside(command, depth);
      }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (type.isInstance(t)) {
          return true;
        }
      }
      return false;
    }

    private <T> T nextInside(Command<T> command, int depth) {
      DEPTH.set(depth + 1);
      try {
        return next.execute(command);
      } finally {
        if (depth == 0) {
          DEPTH.remove();
        } else {
          DEPTH.set(depth);
        }
      }
    }
  }
}
