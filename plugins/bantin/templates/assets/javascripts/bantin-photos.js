/* bantin: article photos open large in a lightbox (glightbox, vendored), and the
   share, copy-link and print buttons work. No inline handlers (CSP), nothing is
   fetched from another site: Facebook is a plain link, Zalo uses the phone's own
   share sheet (or copies the link to paste into Zalo). */
(function () {
  "use strict";

  function escapeHtml(text) {
    // glightbox puts descriptions in with innerHTML: give it text, never markup.
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // glightbox (script and stylesheet) is fetched when a reader first opens a
  // photo, not with the page: most readers never do, and on a phone its setup
  // held up the page for 100-200 ms. Its addresses come from this script's tag.
  var self = document.currentScript;
  var loading = null;

  function load(attribute, make) {
    return new Promise(function (resolve, reject) {
      var element = make(new URL(self.getAttribute(attribute), document.baseURI).href);
      element.addEventListener("load", resolve);
      element.addEventListener("error", reject);
      document.head.appendChild(element);
    });
  }

  function loadLightbox() {
    if (!loading) {
      loading = Promise.all([
        load("data-lightbox-css", function (href) {
          var link = document.createElement("link");
          link.rel = "stylesheet";
          link.href = href;
          return link;
        }),
        load("data-lightbox-js", function (src) {
          var script = document.createElement("script");
          script.src = src;
          return script;
        }),
      ]);
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function lightbox() {
    var links = Array.prototype.slice.call(document.querySelectorAll("a.bt-zoom"));
    if (!links.length || !self || !self.getAttribute("data-lightbox-js")) return;
    var box = null;
    var opener = null;

    function make() {
      var elements = links.map(function (link) {
        var img = link.querySelector("img");
        var caption = link.getAttribute("data-caption") || "";
        var original = link.getAttribute("data-original");
        var description = escapeHtml(caption);
        if (original) {
          description += (description ? " " : "") +
            '<a class="bt-zoom__original" href="' + escapeHtml(original) + '" download>Tải ảnh gốc</a>';
        }
        return {
          href: link.getAttribute("href"),
          type: "image",
          alt: img ? img.getAttribute("alt") || caption : caption,
          description: description,
        };
      });
      var made = window.GLightbox({
        elements: elements,
        loop: false,
        touchNavigation: true,
        keyboardNavigation: true,
        closeOnOutsideClick: true,
        descPosition: "bottom",
        lightboxHTML:
          '<div id="glightbox-body" class="glightbox-container" tabindex="-1" role="dialog" aria-modal="true" aria-label="Ảnh phóng to">' +
          '<div class="gloader visible"></div><div class="goverlay"></div><div class="gcontainer">' +
          '<div id="glightbox-slider" class="gslider"></div>' +
          '<button class="gclose gbtn" aria-label="Đóng ảnh (Esc)" data-taborder="3">{closeSVG}</button>' +
          '<button class="gprev gbtn" aria-label="Ảnh trước" data-taborder="2">{prevSVG}</button>' +
          '<button class="gnext gbtn" aria-label="Ảnh sau" data-taborder="1">{nextSVG}</button>' +
          "</div></div>",
      });
      made.on("open", function () {
        var close = document.querySelector(".glightbox-container .gclose");
        if (close) close.focus();
      });
      made.on("close", function () {
        if (opener) opener.focus();
      });
      return made;
    }

    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey) return; // open in a new tab as usual
        event.preventDefault();
        opener = link;
        loadLightbox().then(
          function () {
            if (!box) box = make();
            box.openAt(index);
          },
          function () {
            window.location.href = link.href; // the photo itself, if the lightbox cannot load
          }
        );
      });
    });
  }

  function say(status, text) {
    if (!status) return;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function copy(url, status, message) {
    function done() { say(status, message); }
    function fallback() {
      var field = document.createElement("textarea");
      field.value = url;
      field.setAttribute("readonly", "");
      field.className = "bt-visually-hidden";
      document.body.appendChild(field);
      field.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(field);
      say(status, ok ? message : "Không chép được. Liên kết: " + url);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(done, fallback);
    } else {
      fallback();
    }
  }

  function shareBar() {
    Array.prototype.forEach.call(document.querySelectorAll(".bt-share"), function (bar) {
      var url = bar.getAttribute("data-url") || window.location.href.split("#")[0];
      var title = bar.getAttribute("data-title") || document.title;
      var status = bar.querySelector(".bt-share__status");
      Array.prototype.forEach.call(bar.querySelectorAll("button[data-bt]"), function (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
          var action = button.getAttribute("data-bt");
          if (action === "print") {
            window.print();
          } else if (action === "copy") {
            copy(url, status, "Đã chép liên kết bài viết.");
          } else if (action === "zalo") {
            if (navigator.share) {
              navigator.share({ title: title, url: url }).catch(function () {});
            } else {
              copy(url, status, "Đã chép liên kết: mở Zalo và dán vào cuộc trò chuyện để gửi.");
            }
          }
        });
      });
    });
  }

  lightbox();
  shareBar();
})();
