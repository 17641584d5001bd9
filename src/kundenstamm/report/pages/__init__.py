"""The report pages, one module each: what a page reads from the marts and how it shapes the rows
for its template (the HTML is in `templates/report`)."""

from kundenstamm.report.pages import (
    abc,
    actions,
    b2b,
    chain,
    clv,
    cohorts,
    lifecycle,
    nps,
    overview,
    personas,
    profitability,
    rfm,
    service,
)

PAGES = (
    overview.render,
    rfm.render,
    abc.render,
    nps.render,
    lifecycle.render,
    clv.render,
    chain.render,
    cohorts.render,
    service.render,
    profitability.render,
    personas.render,
    b2b.render,
    actions.render,
)
