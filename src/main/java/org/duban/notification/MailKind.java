package org.duban.notification;

/** Why a mail is sent. */
public enum MailKind {
  REMIND_DUE,
  REMIND_SIGN,
  ESCALATION,
  PROGRESS,
  URGE,
  EXTENSION,
  /** 督办日报: a leader's escalations of the day in one mail */
  DIGEST
}
