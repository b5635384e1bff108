-- Failed logins per account (org.duban.web.LoginThrottle), in the database so that a lock holds on every
-- node of a cluster and across restarts. user_id is the name given at the login, an account or not.
-- A row goes with a successful login, the administrator's unlock, or when its window or lock has passed.
create table login_throttle (
  user_id       varchar(64) primary key,
  failures      int         not null,
  -- the first failure of the window in which they are counted (duban.login.lock-duration)
  window_start  timestamp with time zone not null,
  -- set when failures reached duban.login.max-failures: refused until then, the right password too
  locked_until  timestamp with time zone
);
