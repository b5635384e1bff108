// Duban configuration for the Camunda Tasklist webapp.
// This file replaces the webjar's app/tasklist/scripts/config.js: application classes
// come first on the classpath, so Spring serves this copy instead of the shipped one.

// Camunda 7.24 renders a red "Camunda 7 CE end of life" banner above the header
// (<div class="ce-eol-banner">). Its ng-if flag is hard-coded to true and no config option
// switches it off, so we hide it with CSS. config.js is loaded with import() before AngularJS
// starts, so the rule is in place before the header is drawn; inline <style> is allowed by the
// webapps' default Content-Security-Policy (style-src 'unsafe-inline' 'self').
// The shipped CSS reserves 20px for the banner (body padding-top and .page-wrap top are
// 45px header + 20px banner), so give that space back to the page.
(function hideCommunityEditionEolBanner() {
  if (typeof document === 'undefined' || document.getElementById('duban-hide-ce-eol-banner')) {
    return;
  }
  var style = document.createElement('style');
  style.id = 'duban-hide-ce-eol-banner';
  style.textContent =
    '[cam-widget-header] .ce-eol-banner { display: none !important; }\n' +
    'html body { padding-top: 45px; }\n' +
    'html body .page-wrap { top: 45px; }\n';
  document.head.appendChild(style);
})();

export default {
  // Shown in the header and the browser tab as "<vendor> <name>".
  app: {
    name: '任务列表',
    vendor: '督办系统'
  },

  // Chinese only, whatever the browser's language: every screen a department head sees is Chinese.
  locales: {
    availableLocales: ['zh'],
    fallbackLocale: 'zh'
  },

  // moment.js formats used by the camDate filter. The locale tokens resolve through the
  // dateLocales block of the active locale file: with zh, L = YYYY-MM-DD and LT = HH:mm,
  // so list and detail screens show e.g. 2025-03-07 14:30.
  dateFormat: {
    normal: 'L LT',
    abbr: 'L LT',
    short: 'L',
    long: 'LLLL'
  },

  // Same key bindings as the shipped defaults; only the descriptions are translated
  // (they are shown in the keyboard shortcut help dialog).
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: '签收当前选中的任务'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: '将焦点移到列表中的第一个过滤器'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: '将焦点移到列表中的第一个任务'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: '将焦点移到任务表单的第一个输入框'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: '打开发起流程对话框'
    }
  }
};
