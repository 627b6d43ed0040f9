// Runs before the first paint (a classic script in <head>): applies the remembered theme, else the system's.
(function () {
  'use strict';
  var theme = null;
  try {
    theme = localStorage.getItem('arus.theme');
  } catch (e) {
    // storage blocked: follow the system
  }
  if (theme !== 'dark' && theme !== 'light') {
    theme = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  document.documentElement.dataset.theme = theme;
})();
