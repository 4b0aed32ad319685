/* The site's script, in place of pkgdown's own: the same table of contents,
 * scrollspy, tooltips and copy buttons, with nothing but jQuery and Bootstrap
 * (both served from deps/), so that every page works offline. pkgdown's
 * search and its hiding navbar need libraries from CDNs and are left out. */
(function($) {
  $(function() {

    /* Table of contents: the page's h2 headings and the h3 under them, as
     * bootstrap-toc lays them out (pkgdown's stylesheet expects that). */
    var $toc = $("#toc");
    if ($toc.length) {
      var $top = $("<ul class='nav nav-pills flex-column'></ul>");
      var $sub = null;
      $("main h2, main h3").not("[data-toc-skip]").each(function() {
        if (!this.id) {
          return;
        }
        var text = $(this).attr("data-toc-text") || $(this).text().trim();
        var $item = $("<li class='nav-item'></li>").append(
          $("<a class='nav-link'></a>").attr("href", "#" + this.id).text(text)
        );
        if (this.tagName === "H2" || $top.children().length === 0) {
          $top.append($item);
          $sub = null;
        } else {
          if ($sub === null) {
            $sub = $("<ul class='nav nav-pills flex-column'></ul>");
            $top.children().last().append($sub);
          }
          $sub.append($item);
        }
      });
      $toc.append($top);
      $("body").scrollspy({
        target: "#toc",
        offset: $("nav.navbar").outerHeight() + 1
      });
    }

    $('[data-bs-toggle="popover"]').popover({
      container: "body",
      html: true,
      trigger: "focus",
      placement: "top",
      sanitize: false
    });
    $('[data-bs-toggle="tooltip"]').tooltip();

    /* Copy buttons on code blocks: the code without its "#>" output lines. */
    if (navigator.clipboard) {
      var icon = "<svg xmlns='http://www.w3.org/2000/svg' width='14' height='14' " +
        "viewBox='0 0 16 16' fill='currentColor' aria-hidden='true'>" +
        "<path d='M4 2a2 2 0 0 1 2-2h6a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2zm2-1" +
        "a1 1 0 0 0-1 1v8a1 1 0 0 0 1 1h6a1 1 0 0 0 1-1V2a1 1 0 0 0-1-1zM2 5a1 1 0 0 0-1 1" +
        "v8a1 1 0 0 0 1 1h6a1 1 0 0 0 1-1v-1h1v1a2 2 0 0 1-2 2H2a2 2 0 0 1-2-2V6" +
        "a2 2 0 0 1 2-2h1v1z'/></svg>";
      $("div.sourceCode").addClass("hasCopyButton").each(function() {
        var block = this;
        var $button = $("<button type='button' class='btn btn-primary btn-copy-ex'></button>")
          .attr({title: "Copy to clipboard", "aria-label": "Copy to clipboard"})
          .html(icon)
          .on("click", function() {
            var code = $(block).find("pre").text().replace(/\n#>[^\n]*/g, "");
            navigator.clipboard.writeText(code).then(
              function() { $button.attr("title", "Copied!"); },
              function() { $button.attr("title", "Press Ctrl+C or Command+C to copy"); }
            );
          });
        $(block).prepend($button);
      });
    }
  });
})(window.jQuery || window.$);
