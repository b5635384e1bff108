// Duban configuration for the Camunda Welcome webapp.
// This file replaces the webjar's app/welcome/scripts/config.js: application classes
// come first on the classpath, so Spring serves this copy instead of the shipped one.

// Camunda 7.24 renders a red "Camunda 7 CE end of life" banner above the header
// (<div class="ce-eol-banner">). Its ng-if flag is hard-coded to true and no config option
// switches it off, so we hide it with CSS. config.js is loaded with import() before AngularJS
// starts, so the rule is in place before the header is drawn; inline <style> is allowed by the
// webapps' default Content-Security-Policy (style-src 'unsafe-inline' 'self').
// The shipped CSS reserves 20px for the banner (body padding-top is 45px header + 20px banner),
// so give that space back to the page.
(function hideCommunityEditionEolBanner() {
  if (typeof document === 'undefined' || document.getElementById('duban-hide-ce-eol-banner')) {
    return;
  }
  var style = document.createElement('style');
  style.id = 'duban-hide-ce-eol-banner';
  style.textContent =
    '[cam-widget-header] .ce-eol-banner { display: none !important; }\n' +
    'html body { padding-top: 45px; }\n';
  document.head.appendChild(style);
})();

export default {
  // Shown in the header and the browser tab as "<vendor> <name>".
  app: {
    name: '欢迎页',
    vendor: '督办系统'
  },

  // Chinese only, whatever the browser's language: every screen a department head sees is Chinese.
  // (No dateFormat here: the Welcome app does not read it. Dates follow the moment.js
  // defaults, and welcome's locale files carry no dateLocales block.)
  locales: {
    availableLocales: ['zh'],
    fallbackLocale: 'zh'
  },

  // Duban's own page, shown under the apps after login (an unauthenticated /dashboard comes here).
  links: [
    {
      label: '督办看板',
      href: '/dashboard',
      description: '创建活动与各阶段进度、各单位红黄绿灯和考核排名、超期事项与通报名单，下载督办台账和督办通报'
    }
  ]
};
