"""The report pages, one module each: what a page reads from the marts and how it shapes the rows
for its template (the HTML is in `templates/report`)."""

from kundenstamm.report.pages import abc, actions, clv, lifecycle, nps, overview, rfm

PAGES = (
    overview.render,
    rfm.render,
    abc.render,
    nps.render,
    lifecycle.render,
    clv.render,
    actions.render,
)
