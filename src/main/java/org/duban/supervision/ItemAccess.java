package org.duban.supervision;

import org.duban.plan.BureauConfig;
import org.duban.plan.Organization;
import org.duban.web.ApiException;
import org.duban.web.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Who may see an item and who may add to it: one rule for every endpoint that takes a serial number. */
@Component
public class ItemAccess {
  private final ItemRepository items;
  private final Organization org;

  ItemAccess(ItemRepository items, BureauConfig config) {
    this.items = items;
    this.org = config.organization();
  }

  /** The item, if the user sees its department (own department, or one who sees all); otherwise 404. */
  public SupervisedItem readable(String serial, CurrentUser user) {
    SupervisedItem item = items.find(serial).orElseThrow(() -> missing(serial));
    if (!user.mayRead(item.departmentId())) {
      // the same answer as a missing item: no hint that another department's item exists
      throw missing(serial);
    }
    return item;
  }

  /**
   * The item, if the user belongs to its department and it is still open: what reporting on it
   * (attaching evidence) needs. Others who may read it get 403, others still 404.
   */
  public SupervisedItem ownOpen(String serial, CurrentUser user) {
    SupervisedItem item = readable(serial, user);
    if (!user.in(item.departmentId())) {
      String department = org.departmentName(item.departmentId());
      throw new ApiException(HttpStatus.FORBIDDEN, "只有责任单位（" + department + "）的同志可以为事项 " + serial + " 上传材料");
    }
    if (!item.isOpen()) {
      throw new ApiException(HttpStatus.CONFLICT, "事项 " + serial + " 已办结，不能再上传材料");
    }
    return item;
  }

  private static ApiException missing(String serial) {
    return ApiException.notFound("没有督办事项 " + serial);
  }
}
