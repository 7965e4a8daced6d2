// The FAQ pages' one script. Every page works without it; with it:
// as-you-type suggestions from /v1/suggest (초성 too) in the search box,
// copy buttons on code blocks, and deep links to questions on another page
// of a topic. Text is only ever set with textContent, never as HTML.
'use strict';

(function () {
  var embed = document.body.classList.contains('embed');

  /** Open a question: in a new tab inside the embeddable search, here otherwise. */
  function openQuestion(url) {
    if (embed) window.open(url, '_blank', 'noopener');
    else window.location.assign(url);
  }

  /** Append highlight segments ({ text, match }) to `parent` as text and <mark>. */
  function appendSegments(parent, segments) {
    segments.forEach(function (segment) {
      if (segment.match) {
        var mark = document.createElement('mark');
        mark.textContent = segment.text;
        parent.appendChild(mark);
      } else {
        parent.appendChild(document.createTextNode(segment.text));
      }
    });
  }

  function setUpSuggestions(input) {
    var list = document.getElementById(input.getAttribute('data-suggest'));
    if (!list) return;
    var status = document.getElementById(list.id + '-status');
    // Inside a topic-restricted embed, only suggestions from those topics.
    var topics = (input.getAttribute('data-topics') || '').split(' ').filter(Boolean);
    var items = [];
    var active = -1;
    var pending;
    var latest = 0;

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-expanded', 'false');

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function select(index) {
      var options = list.children;
      if (active >= 0 && options[active]) options[active].setAttribute('aria-selected', 'false');
      active = index;
      if (index >= 0 && options[index]) {
        options[index].setAttribute('aria-selected', 'true');
        input.setAttribute('aria-activedescendant', options[index].id);
        options[index].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function show(found) {
      items = topics.length
        ? found.filter(function (item) {
            return item.topic && topics.indexOf(item.topic.slug) >= 0;
          })
        : found;
      list.textContent = '';
      active = -1;
      items.forEach(function (item, index) {
        var option = document.createElement('li');
        option.id = list.id + '-' + index;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        appendSegments(option, item.highlights);
        if (item.topic) {
          var topic = document.createElement('span');
          topic.className = 'topic';
          topic.textContent = item.topic.title;
          option.appendChild(topic);
        }
        // mousedown, not click: the input's blur would close the list first.
        option.addEventListener('mousedown', function (event) {
          event.preventDefault();
          openQuestion('/questions/' + encodeURIComponent(item.id));
        });
        list.appendChild(option);
      });
      if (status) status.textContent = items.length ? '추천 질문 ' + items.length + '개' : '';
      if (items.length) {
        list.hidden = false;
        input.setAttribute('aria-expanded', 'true');
      } else {
        close();
      }
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (!q) {
        show([]);
        return;
      }
      var ticket = ++latest;
      fetch('/v1/suggest?limit=8&q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
        .then(function (response) {
          return response.ok ? response.json() : { items: [] };
        })
        .then(function (body) {
          // A slower answer to an earlier keystroke must not replace a newer one.
          if (ticket === latest) show(body.items || []);
        })
        .catch(function () {
          if (ticket === latest) show([]);
        });
    }

    input.addEventListener('input', function () {
      clearTimeout(pending);
      pending = setTimeout(fetchSuggestions, 120);
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown' && items.length) {
        event.preventDefault();
        if (list.hidden) {
          list.hidden = false;
          input.setAttribute('aria-expanded', 'true');
        }
        select((active + 1) % items.length);
      } else if (event.key === 'ArrowUp' && items.length) {
        event.preventDefault();
        select(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === 'Escape') {
        if (!list.hidden) event.preventDefault();
        close();
      } else if (event.key === 'Enter' && active >= 0 && !list.hidden) {
        // Enter on a highlighted suggestion opens it; otherwise the form searches.
        event.preventDefault();
        openQuestion('/questions/' + encodeURIComponent(items[active].id));
      }
    });
    input.addEventListener('blur', close);
  }

  function setUpCopyButtons() {
    document.querySelectorAll('figure.code').forEach(function (figure) {
      var button = figure.querySelector('button.copy');
      var code = figure.querySelector('pre code');
      if (!button || !code || !navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener('click', function () {
        navigator.clipboard.writeText(code.textContent).then(
          function () {
            button.textContent = '복사됨';
            setTimeout(function () {
              button.textContent = '복사';
            }, 1500);
          },
          function () {
            button.textContent = '복사 실패';
          },
        );
      });
    });
  }

  // /topics/x#q_… for a question on a later page of the topic: its own page has it.
  function followDeepLink() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (/^q_[0-9a-f]+$/.test(id) && !document.getElementById(id) && document.querySelector('[data-topic-page]')) {
      window.location.replace('/questions/' + id);
    }
  }

  document.querySelectorAll('input[data-suggest]').forEach(setUpSuggestions);
  setUpCopyButtons();
  followDeepLink();
})();
