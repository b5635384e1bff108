package org.duban.notification;

/** Why a mail is sent. */
public enum MailKind {
  REMIND_DUE,
  REMIND_SIGN,
  ESCALATION,
  PROGRESS,
  URGE,
  EXTENSION
}
