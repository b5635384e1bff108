// 督办看板: charts from /api/dashboard (the same numbers as the tables) and the 催办 buttons.
// Plain JavaScript and the application's own copy of Apache ECharts: no CDN, no framework.
(function () {
  'use strict';
  var COLORS = { closed: '#2e9d4f', open: '#5b8ff9', overdue: '#d92b2b', yellow: '#e6a700' };

  function chart(id) {
    var el = document.getElementById(id);
    return el && window.echarts ? echarts.init(el) : null;
  }

  function stagesChart(view) {
    var c = chart('chart-stages');
    if (!c) { return; }
    var names = view.stages.map(function (s) { return s.name; });
    c.setOption({
      tooltip: { trigger: 'axis' },
      legend: { data: ['已办结', '在办未超期', '已超期'] },
      grid: { left: 50, right: 20, bottom: 30, top: 40 },
      xAxis: { type: 'category', data: names },
      yAxis: { type: 'value', name: '事项数', minInterval: 1 },
      series: [
        { name: '已办结', type: 'bar', stack: 's', color: COLORS.closed, data: view.stages.map(function (s) { return s.closed; }) },
        { name: '在办未超期', type: 'bar', stack: 's', color: COLORS.open, data: view.stages.map(function (s) { return s.open - s.overdue; }) },
        { name: '已超期', type: 'bar', stack: 's', color: COLORS.overdue, data: view.stages.map(function (s) { return s.overdue; }) }
      ]
    });
  }

  function departmentsChart(view) {
    var c = chart('chart-departments');
    if (!c) { return; }
    var rows = view.departments;
    c.setOption({
      tooltip: { trigger: 'axis' },
      legend: { data: ['已办结', '在办未超期', '已超期'] },
      grid: { left: 50, right: 20, bottom: 60, top: 40 },
      xAxis: { type: 'category', data: rows.map(function (d) { return d.name; }), axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0 } },
      yAxis: { type: 'value', name: '事项数', minInterval: 1 },
      series: [
        { name: '已办结', type: 'bar', stack: 'd', color: COLORS.closed, data: rows.map(function (d) { return d.closed; }) },
        { name: '在办未超期', type: 'bar', stack: 'd', color: COLORS.open, data: rows.map(function (d) { return d.open - d.overdue; }) },
        { name: '已超期', type: 'bar', stack: 'd', color: COLORS.overdue, data: rows.map(function (d) { return d.overdue; }) }
      ]
    });
  }

  // stages as bars from start to end on a time axis, open items' due dates as dots, today as a line
  function timelineChart(view) {
    var c = chart('chart-timeline');
    if (!c) { return; }
    var stages = view.stages.filter(function (s) { return s.start && s.end; });
    var lanes = stages.map(function (s) { return s.name; }).concat(['事项完成时限']);
    var last = lanes.length - 1;
    var day = 24 * 3600 * 1000;
    c.setOption({
      tooltip: {
        formatter: function (p) {
          if (p.seriesName === '阶段') {
            return p.name + '<br>' + (p.value[6] ? '计划 ' : '') + p.value[3] + ' 至 ' + p.value[4] + '（' + p.value[5] + '）';
          }
          return p.value[2] + '：' + p.value[3] + ' 项未办结' + (p.value[4] ? '，其中 ' + p.value[4] + ' 项已超期' : '');
        }
      },
      grid: { left: 110, right: 30, top: 30, bottom: 80 },
      xAxis: { type: 'time', axisLabel: { formatter: '{yyyy}-{MM}-{dd}', hideOverlap: true } },
      // the campaign runs for more than a year: open on the weeks around today, drag for the rest
      dataZoom: [
        { type: 'slider', xAxisIndex: 0, bottom: 10, labelFormatter: function (v) { return echarts.time.format(v, '{yyyy}-{MM}-{dd}'); },
          startValue: Date.parse(view.today) - 30 * day, endValue: Date.parse(view.today) + 60 * day },
        { type: 'inside', xAxisIndex: 0 }
      ],
      yAxis: { type: 'category', data: lanes, inverse: true },
      series: [
        {
          name: '阶段', type: 'custom', clip: true,
          renderItem: function (params, api) {
            var start = api.coord([api.value(1), api.value(0)]);
            var end = api.coord([api.value(2), api.value(0)]);
            var h = api.size([0, 1])[1] * 0.5;
            return { type: 'rect', shape: { x: start[0], y: start[1] - h / 2, width: Math.max(end[0] - start[0], 2), height: h },
              style: api.style() };
          },
          encode: { x: [1, 2], y: 0 },
          itemStyle: { color: '#5b8ff9' },
          data: stages.map(function (s, i) {
            return { name: s.name, value: [i, Date.parse(s.start), Date.parse(s.end) + day, s.start, s.end, s.state, s.planned],
              itemStyle: { color: s.state === '已完成' ? COLORS.closed : s.planned ? '#c9d1dc' : '#5b8ff9' } };
          })
        },
        {
          name: '完成时限', type: 'scatter',
          symbolSize: function (v) { return 8 + 3 * Math.min(v[3], 10); },
          data: view.deadlines.map(function (d) {
            return { value: [Date.parse(d.date), last, d.date, d.open, d.overdue],
              itemStyle: { color: d.overdue > 0 ? COLORS.overdue : COLORS.yellow } };
          }),
          markLine: { symbol: 'none', label: { formatter: '今天', position: 'start' }, lineStyle: { color: '#a61b1b' },
            data: [{ xAxis: Date.parse(view.today) }] }
        }
      ]
    });
  }

  // 催办: a POST with X-Requested-With (the API's CSRF rule for session logins); at most once a day per item
  function urgeButtons() {
    Array.prototype.forEach.call(document.querySelectorAll('button.urge'), function (button) {
      button.addEventListener('click', function () {
        var result = button.parentNode.querySelector('.urge-result');
        button.disabled = true;
        fetch('/api/items/' + encodeURIComponent(button.getAttribute('data-serial')) + '/urge', {
          method: 'POST', credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
          body: JSON.stringify({ message: '请抓紧办理并及时反馈办理情况。' })
        }).then(function (r) {
          return r.json().then(function (body) { return { ok: r.ok, body: body }; });
        }).then(function (r) {
          result.textContent = r.ok ? '已催办' : (r.body.error || '催办失败');
        }).catch(function () {
          result.textContent = '催办失败，请稍后再试';
          button.disabled = false;
        });
      });
    });
  }

  urgeButtons();
  if (document.getElementById('chart-stages')) {
    fetch('/api/dashboard' + window.location.search, { credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (view) {
        stagesChart(view);
        departmentsChart(view);
        timelineChart(view);
        document.body.setAttribute('data-charts', 'ready');
      });
  }
})();
