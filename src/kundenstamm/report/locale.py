"""Labels in German and English, and numbers, money, shares and dates formatted by locale (Babel).

Every text on a report page comes from `LABELS` (keys are English identifiers); a missing key is
an error, never a silently English page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

LOCALES = {"de": "de_DE", "en": "en_GB"}
DASH = "\u2013"  # shown for a missing value
MINUS = "\u2212"

LABELS: dict[str, dict[str, str]] = {
    "report_title": {"de": "Kundenstamm-Bericht", "en": "Customer base report"},
    "as_of": {"de": "Stand", "en": "As of"},
    "overview": {"de": "Übersicht", "en": "Overview"},
    "pages": {"de": "Seiten", "en": "Pages"},
    "headline_kpis": {"de": "Kennzahlen des Monats", "en": "Key figures of the month"},
    "change_vs_prior": {"de": "Veränderung zum Vormonat", "en": "Change against the prior month"},
    "prior_month": {"de": "Vormonat", "en": "Prior month"},
    "kpi_new_customers": {"de": "Neukunden", "en": "New customers"},
    "kpi_active_customers": {"de": "Aktive Kunden", "en": "Active customers"},
    "kpi_purchasing_customers": {"de": "Kaufende Kunden", "en": "Purchasing customers"},
    "kpi_revenue_eur": {"de": "Umsatz", "en": "Revenue"},
    "kpi_margin_eur": {"de": "Deckungsbeitrag", "en": "Contribution margin"},
    "kpi_churn_rate": {"de": "Abwanderungsquote", "en": "Churn rate"},
    "kpi_repeat_purchase_rate": {"de": "Wiederkaufrate", "en": "Repeat purchase rate"},
    "kpi_lead_conversion_rate": {"de": "Lead-Konversionsrate", "en": "Lead conversion rate"},
    "kpi_lead_conversion_rate_matured": {
        "de": "Lead-Konversionsrate (ausgereifte Leads)",
        "en": "Lead conversion rate (matured leads)",
    },
    "pyramid": {"de": "Kundenpyramide", "en": "Customer pyramid"},
    "pyramid_note": {
        "de": "A-Kunden oben; B1 = Wachstumspotenzial, C1 = vielversprechend.",
        "en": "A customers on top; B1 = growth potential, C1 = promising.",
    },
    "class": {"de": "Klasse", "en": "Class"},
    "customers": {"de": "Kunden", "en": "Customers"},
    "customer": {"de": "Kunde", "en": "Customer"},
    "n_customers": {"de": "{n} Kunden", "en": "{n} customers"},
    "abc_classes": {"de": "ABC-Klassen", "en": "ABC classes"},
    "revenue": {"de": "Umsatz", "en": "Revenue"},
    "margin": {"de": "Deckungsbeitrag", "en": "Contribution margin"},
    "share": {"de": "Anteil", "en": "Share"},
    "revenue_share": {"de": "Umsatzanteil", "en": "Revenue share"},
    "customer_share": {"de": "Kundenanteil", "en": "Customer share"},
    "rfm_segments": {"de": "RFM-Segmente", "en": "RFM segments"},
    "segment": {"de": "Segment", "en": "Segment"},
    "recommended_action": {"de": "Empfohlene Maßnahme", "en": "Recommended action"},
    "avg_r": {"de": "Ø R", "en": "Avg. R"},
    "avg_f": {"de": "Ø F", "en": "Avg. F"},
    "avg_m": {"de": "Ø M", "en": "Avg. M"},
    "avg_recency_days": {"de": "Ø Tage seit Kauf", "en": "Avg. days since purchase"},
    "avg_frequency": {"de": "Ø Käufe", "en": "Avg. purchases"},
    "avg_monetary": {"de": "Ø Umsatz", "en": "Avg. revenue"},
    "top_members": {"de": "Wichtigste Kunden", "en": "Top customers"},
    "abc_title": {"de": "ABC-Analyse (Pareto)", "en": "ABC analysis (Pareto)"},
    "lorenz": {"de": "Lorenzkurve", "en": "Lorenz curve"},
    "lorenz_x": {
        "de": "Anteil der Kunden (größte zuerst)",
        "en": "Share of customers (largest first)",
    },
    "lorenz_y_revenue": {"de": "Anteil am Umsatz", "en": "Share of revenue"},
    "lorenz_y_margin": {"de": "Anteil am Deckungsbeitrag", "en": "Share of margin"},
    "abc_basis_revenue": {"de": "Umsatz", "en": "Revenue"},
    "abc_basis_margin": {"de": "Deckungsbeitrag", "en": "Contribution margin"},
    "abc_basis_share_revenue": {"de": "Umsatzanteil", "en": "Revenue share"},
    "abc_basis_share_margin": {"de": "DB-Anteil", "en": "Margin share"},
    "pareto_check": {"de": "80/20-Prüfung", "en": "80/20 check"},
    "pareto_sentence_revenue": {
        "de": "Die umsatzstärksten {top} der Kunden bringen {share} des Umsatzes.",
        "en": "The top {top} of customers bring {share} of revenue.",
    },
    "pareto_sentence_margin": {
        "de": "Die ertragsstärksten {top} der Kunden bringen {share} des Deckungsbeitrags.",
        "en": "The top {top} of customers bring {share} of contribution margin.",
    },
    "concentration": {"de": "Konzentration", "en": "Concentration"},
    "top1_share": {"de": "Größter Kunde", "en": "Largest customer"},
    "top5_share": {"de": "Top 5 Kunden", "en": "Top 5 customers"},
    "top10_share": {"de": "Top 10 Kunden", "en": "Top 10 customers"},
    "gini": {"de": "Gini-Koeffizient", "en": "Gini coefficient"},
    "hhi": {"de": "Herfindahl-Index (HHI)", "en": "Herfindahl index (HHI)"},
    "dependency_warning": {"de": "Abhängigkeitswarnung", "en": "Dependency warning"},
    "no_dependency": {
        "de": "Keine gefährliche Abhängigkeit von einzelnen Kunden.",
        "en": "No dangerous dependency on single customers.",
    },
    "subclass": {"de": "Unterklasse", "en": "Sub-class"},
    "nps_title": {"de": "Net Promoter Score (NPS)", "en": "Net Promoter Score (NPS)"},
    "nps_trend": {
        "de": "NPS je Befragungsmonat mit 95-%-Fehlerspanne (hohle Punkte: zu wenige Antworten)",
        "en": "NPS per survey month with 95 % margin of error (hollow points: too few responses)",
    },
    "nps": {"de": "NPS", "en": "NPS"},
    "responses": {"de": "Antworten", "en": "Responses"},
    "invitations": {"de": "Einladungen", "en": "Invitations"},
    "response_rate": {"de": "Rücklaufquote", "en": "Response rate"},
    "promoters": {"de": "Promotoren", "en": "Promoters"},
    "passives": {"de": "Passive", "en": "Passives"},
    "detractors": {"de": "Kritiker", "en": "Detractors"},
    "margin_of_error": {"de": "Fehlerspanne (±)", "en": "Margin of error (±)"},
    "too_small": {"de": "zu wenige Antworten", "en": "too few responses"},
    "small_group_note": {
        "de": "Markierte Gruppen haben zu wenige Antworten, um sie zu deuten.",
        "en": "Marked groups have too few responses to read.",
    },
    "nps_by_segment": {"de": "NPS je Segment (Jahr)", "en": "NPS per segment (year)"},
    "segment_type": {"de": "Segmentart", "en": "Segment type"},
    "cancellation_reasons": {"de": "Kündigungsgründe", "en": "Cancellation reasons"},
    "year": {"de": "Jahr", "en": "Year"},
    "reason": {"de": "Grund", "en": "Reason"},
    "cancellations": {"de": "Kündigungen", "en": "Cancellations"},
    "lifecycle_title": {"de": "Kundenlebenszyklus", "en": "Customer lifecycle"},
    "stage": {"de": "Phase", "en": "Stage"},
    "task": {"de": "Aufgabe", "en": "Task"},
    "stage_sizes": {"de": "Kunden je Phase", "en": "Customers per stage"},
    "task_split": {
        "de": "Aufgaben: Gewinnen / Halten & Ausbauen / Zurückgewinnen",
        "en": "Tasks: Get / Keep & Grow / Win-back",
    },
    "task_get": {"de": "Gewinnen", "en": "Get"},
    "task_keep_and_grow": {"de": "Halten & Ausbauen", "en": "Keep & Grow"},
    "task_win_back": {"de": "Zurückgewinnen", "en": "Win-back"},
    "migration": {"de": "Wanderung zum Vormonat", "en": "Migration since the prior month"},
    "migration_abc": {
        "de": "ABC-Wanderung (z. B. Aufsteiger B → A)",
        "en": "ABC migration (e.g. risers B → A)",
    },
    "from_to": {"de": "von ↓ / nach →", "en": "from ↓ / to →"},
    "stage_prospect": {"de": "Anbahnung", "en": "Prospect"},
    "stage_new": {"de": "Aufbau", "en": "New"},
    "stage_mature": {"de": "Reife", "en": "Mature"},
    "stage_at_risk": {"de": "Gefährdung", "en": "At risk"},
    "stage_lapsed": {"de": "Rückgewinnung", "en": "Lapsed"},
    "clv_title": {"de": "Kundenwert (CLV)", "en": "Customer lifetime value (CLV)"},
    "clv_distribution": {
        "de": "Verteilung des vorhergesagten CLV",
        "en": "Distribution of predicted CLV",
    },
    "historical_distribution": {
        "de": "Verteilung des bisherigen Deckungsbeitrags",
        "en": "Distribution of margin so far",
    },
    "clv_views": {"de": "Drei Sichten auf den Kundenwert", "en": "Three views of customer value"},
    "historical_clv": {"de": "Historisch (DB bisher)", "en": "Historical (margin so far)"},
    "formula_clv": {"de": "Formel", "en": "Formula"},
    "predicted_clv": {"de": "Vorhergesagt", "en": "Predicted"},
    "total": {"de": "Summe", "en": "Total"},
    "average": {"de": "Durchschnitt", "en": "Average"},
    "median": {"de": "Median", "en": "Median"},
    "clv_cac": {
        "de": "CLV im Verhältnis zu Akquisitionskosten je Kanal",
        "en": "CLV against acquisition cost per channel",
    },
    "channel": {"de": "Kanal", "en": "Channel"},
    "cpa": {"de": "Kosten je Neukunde", "en": "Cost per acquisition"},
    "avg_clv": {"de": "Ø CLV", "en": "Avg. CLV"},
    "clv_to_cac": {"de": "CLV : CAC", "en": "CLV : CAC"},
    "new_customers": {"de": "Neukunden", "en": "New customers"},
    "model_fit": {
        "de": "Modellanpassung (BG/NBD, Pareto/NBD und Gamma-Gamma)",
        "en": "Model fit (BG/NBD, Pareto/NBD and Gamma-Gamma)",
    },
    "clv_assumptions": {"de": "Annahmen", "en": "Assumptions"},
    "formula_floor": {
        "de": "Der Formel-CLV rechnet mit mindestens {months} Monaten Kundendauer: Wer erst vor "
        "kurzem gekauft hat, wird nicht aus wenigen Tagen hochgerechnet.",
        "en": "Formula CLV assumes at least {months} months as a customer, so a customer who "
        "bought only recently is not extrapolated from a few days.",
    },
    "formula_no_floor": {
        "de": "Der Formel-CLV rechnet mit der tatsächlichen Kundendauer (mindestens ein Monat).",
        "en": "Formula CLV uses the actual time as a customer (at least one month).",
    },
    "purchase_model_choice": {
        "de": "Kaufmodell je Segment (das gewählte liefert P(aktiv) und die Vorhersage; "
        "automatisch gewählt wird das mit der höheren Log-Likelihood im Rückvergleichszeitraum)",
        "en": "Purchase model per segment (the selected one gives P(alive) and the prediction; "
        "chosen automatically, it is the one with the higher log-likelihood of the holdout period)",
    },
    "holdout_log_likelihood": {
        "de": "Log-Likelihood Rückvergleich",
        "en": "Holdout log-likelihood",
    },
    "selected": {"de": "gewählt", "en": "selected"},
    "spend_exclusions": {
        "de": "Ausgabenmodell (Gamma-Gamma): Wiederkäufer ohne positiven durchschnittlichen "
        "Wiederkaufwert (Gratisproben, 100-%-Gutscheine, Retouren) werden nicht angepasst, "
        "behalten aber eine Vorhersage",
        "en": "Spend model (Gamma-Gamma): repeat buyers without a positive average repeat spend "
        "(free samples, 100 % vouchers, returns) are left out of the fit but keep a prediction",
    },
    "left_out": {"de": "ausgelassen", "en": "left out"},
    "fitted_on": {"de": "angepasst auf", "en": "fitted on"},
    "parameter": {"de": "Parameter", "en": "Parameter"},
    "model": {"de": "Modell", "en": "Model"},
    "purchases": {"de": "Käufe", "en": "Purchases"},
    "value": {"de": "Wert", "en": "Value"},
    "standard_error": {"de": "Standardfehler", "en": "Standard error"},
    "converged": {"de": "konvergiert", "en": "converged"},
    "yes": {"de": "ja", "en": "yes"},
    "no": {"de": "nein", "en": "no"},
    "backtest": {
        "de": "Rückvergleich: vorhergesagte und tatsächliche Käufe",
        "en": "Backtest: predicted and actual purchases",
    },
    "decile": {"de": "Dezil", "en": "Decile"},
    "predicted": {"de": "vorhergesagt", "en": "predicted"},
    "actual": {"de": "tatsächlich", "en": "actual"},
    "actions": {"de": "Aktionslisten", "en": "Action lists"},
    "action_winback": {"de": "Rückgewinnung", "en": "Win-back"},
    "action_more_sell": {"de": "Nachkauf fällig", "en": "More-sell due"},
    "action_cross_sell": {"de": "Cross-Selling", "en": "Cross-sell"},
    "action_up_sell": {"de": "Up-Selling", "en": "Up-sell"},
    "action_quarterly_review": {"de": "Quartalsprüfung", "en": "Quarterly review"},
    "action_detractor_recovery": {"de": "Kritiker zurückgewinnen", "en": "Detractor recovery"},
    "members": {"de": "Einträge", "en": "Entries"},
    "filter": {"de": "Filtern …", "en": "Filter …"},
    "sort_hint": {
        "de": "Spaltenkopf anklicken zum Sortieren.",
        "en": "Click a column header to sort.",
    },
    "capped_note": {
        "de": "Gezeigt werden die ersten {shown} von {total} Einträgen; die vollständige Liste steht in {csv}.",
        "en": "Showing the first {shown} of {total} entries; the full list is in {csv}.",
    },
    "full_list": {"de": "Vollständige Liste (CSV)", "en": "Full list (CSV)"},
    "no_members": {"de": "Keine Einträge.", "en": "No entries."},
    "pseudonymized": {
        "de": "Namen, E-Mail-Adressen und Telefonnummern sind pseudonymisiert.",
        "en": "Names, e-mail addresses and phone numbers are pseudonymised.",
    },
    "col_account_id": {"de": "Kunden-Nr.", "en": "Customer no."},
    "col_account_name": {"de": "Kunde", "en": "Customer"},
    "col_account_owner": {"de": "Betreuer", "en": "Account owner"},
    "col_contact_name": {"de": "Ansprechpartner", "en": "Contact"},
    "col_contact_email": {"de": "E-Mail", "en": "E-mail"},
    "col_contact_phone": {"de": "Telefon", "en": "Phone"},
    "col_may_email": {"de": "E-Mail erlaubt", "en": "May e-mail"},
    "col_reason": {"de": "Grund", "en": "Reason"},
    "col_priority_rank": {"de": "Rang", "en": "Rank"},
    "col_value_at_stake_eur": {"de": "DB pro Jahr im Spiel", "en": "Margin per year at stake"},
    "col_lifetime_margin_eur": {"de": "DB gesamt", "en": "Lifetime margin"},
    "col_lifetime_revenue_eur": {"de": "Umsatz gesamt", "en": "Lifetime revenue"},
    "col_last_purchase_date": {"de": "Letzter Kauf", "en": "Last purchase"},
    "col_days_since_last_purchase": {"de": "Tage seit Kauf", "en": "Days since purchase"},
    "col_product_name": {"de": "Produkt", "en": "Product"},
    "col_category": {"de": "Kategorie", "en": "Category"},
    "col_due_date": {"de": "Fällig am", "en": "Due on"},
    "col_days_until_due": {"de": "Tage bis fällig", "en": "Days until due"},
    "col_suggested_category": {"de": "Vorschlag", "en": "Suggestion"},
    "col_because_of_category": {"de": "Weil gekauft", "en": "Because of"},
    "col_confidence": {"de": "Konfidenz", "en": "Confidence"},
    "col_lift": {"de": "Lift", "en": "Lift"},
    "col_m_score": {"de": "M-Wert", "en": "M score"},
    "col_standard_revenue_eur": {"de": "Umsatz Standard", "en": "Standard-tier revenue"},
    "col_review_reason": {"de": "Prüfgrund", "en": "Review reason"},
    "col_detail": {"de": "Details", "en": "Detail"},
    "col_lifecycle_stage": {"de": "Phase", "en": "Stage"},
    "col_abc_class": {"de": "ABC", "en": "ABC"},
    "col_latest_nps_score": {"de": "Letzter NPS-Wert", "en": "Latest NPS score"},
    "col_open_complaints": {"de": "Offene Beschwerden", "en": "Open complaints"},
    "col_rfm_segment": {"de": "RFM-Segment", "en": "RFM segment"},
    "col_r_score": {"de": "R-Wert", "en": "R score"},
    "col_f_score": {"de": "F-Wert", "en": "F score"},
    "col_monetary_eur": {"de": "RFM-Umsatz", "en": "RFM revenue"},
    "col_predicted_clv_eur": {"de": "Vorhergesagter CLV", "en": "Predicted CLV"},
    "col_p_alive": {"de": "P(aktiv)", "en": "P(alive)"},
    # one paragraph under each page title: what the page shows, in words a business owner reads
    "intro_overview": {
        "de": "Ihr Kundenstamm auf einen Blick: die Kennzahlen des Monats im Vergleich zum "
        "Vormonat, die Kundenpyramide der ABC-Klassen und die RFM-Segmente mit der empfohlenen "
        "Maßnahme. Jede Seite oben im Menü vertieft einen Teil.",
        "en": "Your customer base at a glance: the month's key figures against the prior month, "
        "the customer pyramid of the ABC classes and the RFM segments with their recommended "
        "action. Each page in the menu above goes deeper into one part.",
    },
    "intro_segment": {
        "de": "RFM gibt jedem Kunden drei Noten von 1 bis 5 (5 = am besten): R – wie kürzlich er "
        "gekauft hat, F – wie oft, M – wie viel Umsatz. Ein Segment fasst Kunden mit ähnlichen "
        "Noten zusammen; unten stehen seine umsatzstärksten Kunden.",
        "en": "RFM gives every customer three scores from 1 to 5 (5 = best): R – how recently they "
        "bought, F – how often, M – how much revenue. A segment groups customers with similar "
        "scores; its largest customers are listed below.",
    },
    "intro_abc": {
        "de": "Die Kunden sind nach ihrem Beitrag sortiert: A-Kunden bringen den Großteil, "
        "B-Kunden den nächsten Teil, C-Kunden den Rest. B1 sind B-Kunden mit Wachstumspotenzial, "
        "C1 vielversprechende C-Kunden. Die Lorenzkurve zeigt, wie stark sich alles auf wenige "
        "Kunden verteilt – je weiter über der Diagonalen, desto größer die Abhängigkeit.",
        "en": "Customers are sorted by what they bring: A customers bring most of it, B customers "
        "the next part, C customers the rest. B1 are B customers with growth potential, C1 "
        "promising C customers. The Lorenz curve shows how much rests on few customers – the "
        "further above the diagonal, the greater the dependency.",
    },
    "intro_nps": {
        "de": "Der Net Promoter Score fragt, ob Kunden Sie weiterempfehlen würden: Anteil der "
        "Promotoren minus Anteil der Kritiker, von −100 bis +100. Die Fehlerspanne zeigt, wie "
        "genau der Wert bei dieser Zahl von Antworten ist; kleine Gruppen sind markiert.",
        "en": "The Net Promoter Score asks whether customers would recommend you: the share of "
        "promoters minus the share of detractors, from −100 to +100. The margin of error shows "
        "how precise the value is for that number of answers; small groups are marked.",
    },
    "intro_lifecycle": {
        "de": "Jeder Kunde steht in genau einer Phase: Anbahnung (bekannt, nie gekauft), Aufbau "
        "(neu), Reife (kauft regelmäßig), Gefährdung (kauft seltener als gewohnt, unzufrieden "
        "oder mit offenen Beschwerden), Rückgewinnung (inaktiv oder gekündigt). Die Tabellen "
        "zeigen, wie viele Kunden seit dem Vormonat gewechselt sind (Zeile: vorher, Spalte: jetzt).",
        "en": "Every customer is in exactly one stage: prospect (known, never bought), new, "
        "mature (buys regularly), at risk (buys less often than usual, unhappy or with open "
        "complaints), lapsed (inactive or cancelled). The tables show how many customers moved "
        "since the prior month (row: before, column: now).",
    },
    "intro_clv": {
        "de": "Der Kundenwert (CLV) in drei Sichten: historisch der bisher erwirtschaftete "
        "Deckungsbeitrag, nach Formel (Umsatz je Periode × erwartete Dauer − Kosten) und "
        "vorhergesagt mit einem statistischen Kaufmodell (BG/NBD oder Pareto/NBD je Segment, "
        "dazu Gamma-Gamma für die Ausgaben). CLV : CAC "
        "vergleicht den Kundenwert mit den Kosten, einen Neukunden über den Kanal zu gewinnen.",
        "en": "Customer lifetime value in three views: historical (margin earned so far), by "
        "formula (revenue per period × expected lifetime − costs) and predicted by a statistical "
        "purchase model (BG/NBD or Pareto/NBD per segment, with Gamma-Gamma for spend). CLV : "
        "CAC compares the value with the cost of "
        "winning a new customer through the channel.",
    },
    "intro_winback": {
        "de": "Abgewanderte Kunden, die profitabel waren – ohne häufige Beschwerdeführer, "
        "notorische Spätzahler und reine Rabattkäufer; die wertvollsten zuerst. Per E-Mail nur, "
        "wo „E-Mail erlaubt“ ja ist.",
        "en": "Lapsed customers who were profitable – without frequent complainers, habitual "
        "late payers and discount-only buyers; the most valuable first. E-mail only where "
        "'May e-mail' is yes.",
    },
    "intro_more_sell": {
        "de": "Kunden, bei denen Nachkauf oder Wartung eines Produkts bald fällig ist (letzter "
        "Kauf plus Produktzyklus) – jetzt ist der richtige Moment für ein Angebot.",
        "en": "Customers whose replenishment or maintenance of a product is due soon (last "
        "purchase plus the product's cycle) – the right moment for an offer.",
    },
    "intro_cross_sell": {
        "de": "Kategorien, die oft zusammen mit dem gekauft werden, was der Kunde schon hat, "
        "die er selbst aber noch nicht kauft. Konfidenz: wie oft die Kombination vorkommt; "
        "Lift: wie viel häufiger als zufällig.",
        "en": "Categories often bought together with what the customer already buys but has "
        "not bought yet. Confidence: how often the combination occurs; lift: how much more "
        "often than by chance.",
    },
    "intro_up_sell": {
        "de": "Wertvolle Kunden, die in einer Kategorie nur die Standardausführung kaufen, "
        "obwohl es dort eine Premiumstufe gibt.",
        "en": "Valuable customers who buy only the standard tier in a category where a premium "
        "tier exists.",
    },
    "intro_quarterly_review": {
        "de": "Die vierteljährliche Durchsicht je Betreuer: wer lange nicht gekauft hat, wer "
        "angefragt, aber nie gekauft hat, und wer eine Ergänzung brauchen könnte.",
        "en": "The quarterly check per account owner: who has not bought for long, who "
        "inquired but never bought, and who could use an add-on.",
    },
    "intro_detractor_recovery": {
        "de": "Kunden, deren letzte NPS-Antwort kritisch war und die noch offene Beschwerden "
        "haben – persönlich anrufen und die Beschwerde schließen.",
        "en": "Customers whose latest NPS answer was a detractor and who still have open "
        "complaints – call them personally and close the complaint.",
    },
    "change_points": {"de": "Pp.", "en": "pp"},
    "kpis_until": {
        "de": "Kennzahlen und Verläufe bis {month}; Segmente, Listen und Pyramide zum Stand {as_of}.",
        "en": "Key figures and trends up to {month}; segments, lists and pyramid as of {as_of}.",
    },
    # reasons on the action lists and the dependency warning, written from each row's values
    # (the marts hold the same sentences in English for BI tools and the CSV files)
    "sentence_winback": {
        "de": "{lifetime_purchases}-mal gekauft für {lifetime_revenue_eur} (Deckungsbeitrag "
        "{value_at_stake_eur} pro Jahr), letzter Kauf vor {days_since_last_purchase} Tagen.",
        "en": "Bought {lifetime_purchases} times for {lifetime_revenue_eur} (margin "
        "{value_at_stake_eur} a year), last purchase {days_since_last_purchase} days ago.",
    },
    "sentence_winback_cancelled": {
        "de": "{lifetime_purchases}-mal gekauft für {lifetime_revenue_eur} (Deckungsbeitrag "
        "{value_at_stake_eur} pro Jahr), letzter Kauf vor {days_since_last_purchase} Tagen, "
        "gekündigt.",
        "en": "Bought {lifetime_purchases} times for {lifetime_revenue_eur} (margin "
        "{value_at_stake_eur} a year), last purchase {days_since_last_purchase} days ago, "
        "cancelled.",
    },
    "sentence_more_sell_due": {
        "de": "{product_name} wurde zuletzt am {last_bought_date} gekauft und reicht "
        "üblicherweise {replenishment_cycle_days} Tage: der nächste Kauf ist am {due_date} fällig.",
        "en": "{product_name} was last bought on {last_bought_date} and usually lasts "
        "{replenishment_cycle_days} days: the next one is due on {due_date}.",
    },
    "sentence_more_sell_overdue": {
        "de": "{product_name} wurde zuletzt am {last_bought_date} gekauft und reicht "
        "üblicherweise {replenishment_cycle_days} Tage: der nächste Kauf ist seit {due_date} "
        "überfällig.",
        "en": "{product_name} was last bought on {last_bought_date} and usually lasts "
        "{replenishment_cycle_days} days: the next one is overdue since {due_date}.",
    },
    "sentence_cross_sell": {
        "de": "{confidence} der Bestellungen mit {because_of_category} enthalten auch "
        "{suggested_category} ({lift}-mal so oft wie im Durchschnitt); dieser Kunde hat "
        "{suggested_category} noch nicht gekauft.",
        "en": "{confidence} of orders with {because_of_category} also contain "
        "{suggested_category} ({lift} times more often than average); this customer has not "
        "bought {suggested_category} yet.",
    },
    "sentence_up_sell": {
        "de": "Wertvoller Kunde (Umsatz-Score {m_score}) kauft {category} in der Standardstufe "
        "für {standard_revenue_eur}; es gibt eine Premiumstufe, die er noch nicht gekauft hat.",
        "en": "High-value customer (monetary score {m_score}) buys standard {category} for "
        "{standard_revenue_eur}; a premium tier exists and has not been bought yet.",
    },
    "sentence_detractor_recovery": {
        "de": "Hat am {latest_nps_date} mit {latest_nps_score} von 10 geantwortet und "
        "{open_complaints} offene Beschwerde(n) seit {oldest_open_complaint_date}: anrufen und "
        "klären.",
        "en": "Answered {latest_nps_score} of 10 on {latest_nps_date} and has {open_complaints} "
        "open complaint(s) since {oldest_open_complaint_date}: call and resolve.",
    },
    "sentence_review_not_bought_for_long": {
        "de": "Seit {days_since_last_purchase} Tagen kein Kauf (zuletzt am {last_purchase_date}).",
        "en": "No purchase for {days_since_last_purchase} days (last on {last_purchase_date}).",
    },
    "sentence_review_inquired_never_bought": {
        "de": "Hat zuletzt am {last_inquiry_date} über {inquiry_channel} angefragt (Anfragen: "
        "{inquiries}), aber nie gekauft.",
        "en": "Last inquired via {inquiry_channel} on {last_inquiry_date} (inquiries: "
        "{inquiries}) but never bought.",
    },
    "sentence_review_cross_sell": {
        "de": "Könnte {add_on_category} brauchen: wird oft zusammen mit dem gekauft, was dieser "
        "Kunde kauft (siehe Cross-Selling).",
        "en": "Could use {add_on_category}: often bought together with what this customer buys "
        "(see cross-sell).",
    },
    "sentence_review_up_sell": {
        "de": "Kauft {add_on_category} in der Standardstufe; eine Premiumstufe gibt es (siehe "
        "Up-Selling).",
        "en": "Buys standard {add_on_category}; a premium tier exists (see up-sell).",
    },
    "sentence_dependency": {
        "de": "Abhängig von wenigen Kunden: der größte macht {top1} der Basis aus, die fünf "
        "größten {top5}; HHI {hhi}.",
        "en": "Dependent on few customers: the largest makes {top1} of the basis, the five "
        "largest {top5}; HHI {hhi}.",
    },
    "generated_with": {
        "de": "Erstellt aus den Marts des Kundenstamm-Warehouse.",
        "en": "Made from the marts of the Kundenstamm warehouse.",
    },
}


# Coded values from the marts, shown in words. A code without an entry (e.g. a segment name from
# an edited mapping seed or a new region) is shown as stored.
CODES: dict[str, dict[str, dict[str, str]]] = {
    "any": {
        "all": {"de": "alle", "en": "all"},
        "unknown": {"de": "unbekannt", "en": "unknown"},
    },
    "segment_type": {
        "all": {"de": "Gesamt", "en": "Total"},
        "abc_class": {"de": "ABC-Klasse", "en": "ABC class"},
        "rfm_segment": {"de": "RFM-Segment", "en": "RFM segment"},
        "lifecycle_stage": {"de": "Lebenszyklusphase", "en": "Lifecycle stage"},
        "industry": {"de": "Branche", "en": "Industry"},
        "region": {"de": "Region", "en": "Region"},
        "acquisition_channel": {"de": "Akquisekanal", "en": "Acquisition channel"},
    },
    "abc_subclass": {"inactive": {"de": "inaktiv", "en": "inactive"}},
    # the segments of seeds/mappings/rfm_segments.csv; the files keep the stored name's slug
    "rfm_segment": {
        "Champions": {"de": "Champions", "en": "Champions"},
        "Loyal": {"de": "Treue Kunden", "en": "Loyal"},
        "Potential Loyalists": {"de": "Künftig treue Kunden", "en": "Potential Loyalists"},
        "New": {"de": "Neue Kunden", "en": "New"},
        "Promising": {"de": "Vielversprechend", "en": "Promising"},
        "Need Attention": {"de": "Brauchen Aufmerksamkeit", "en": "Need Attention"},
        "About to Sleep": {"de": "Drohen einzuschlafen", "en": "About to Sleep"},
        "At Risk": {"de": "Gefährdet", "en": "At Risk"},
        "Can't Lose Them": {"de": "Nicht verlieren", "en": "Can't Lose Them"},
        "Hibernating": {"de": "Schlafend", "en": "Hibernating"},
        "Lost": {"de": "Verloren", "en": "Lost"},
    },
    "lifecycle_stage": {
        "prospect": {"de": "Anbahnung", "en": "Prospect"},
        "new": {"de": "Aufbau", "en": "New"},
        "mature": {"de": "Reife", "en": "Mature"},
        "at_risk": {"de": "Gefährdung", "en": "At risk"},
        "lapsed": {"de": "Rückgewinnung", "en": "Lapsed"},
    },
    "industry": {
        "craft": {"de": "Handwerk", "en": "Craft"},
        "health": {"de": "Gesundheit", "en": "Health"},
        "hospitality": {"de": "Gastgewerbe", "en": "Hospitality"},
        "logistics": {"de": "Logistik", "en": "Logistics"},
        "manufacturing": {"de": "Industrie", "en": "Manufacturing"},
        "retail": {"de": "Handel", "en": "Retail"},
        "services": {"de": "Dienstleistungen", "en": "Services"},
        "software": {"de": "Software", "en": "Software"},
    },
    "acquisition_channel": {
        "direct": {"de": "Direkt", "en": "Direct"},
        "online_ads": {"de": "Online-Werbung", "en": "Online ads"},
        "partner": {"de": "Partner", "en": "Partner"},
        "referral": {"de": "Empfehlung", "en": "Referral"},
        "search": {"de": "Suchmaschine", "en": "Search"},
        "social": {"de": "Soziale Medien", "en": "Social media"},
        "trade_fair": {"de": "Messe", "en": "Trade fair"},
    },
    "category": {
        "raw_materials": {"de": "Rohstoffe", "en": "Raw materials"},
        "office": {"de": "Bürobedarf", "en": "Office supplies"},
        "tools": {"de": "Werkzeug", "en": "Tools"},
        "spare_parts": {"de": "Ersatzteile", "en": "Spare parts"},
        "software": {"de": "Software", "en": "Software"},
        "packaging": {"de": "Verpackung", "en": "Packaging"},
        "machines": {"de": "Maschinen", "en": "Machines"},
        "cleaning": {"de": "Reinigung", "en": "Cleaning"},
        "maintenance": {"de": "Wartung", "en": "Maintenance"},
        "training": {"de": "Schulung", "en": "Training"},
    },
    "cancellation_reason": {
        "price": {"de": "Preis", "en": "Price"},
        "competitor": {"de": "Wettbewerber", "en": "Competitor"},
        "no_need": {"de": "Kein Bedarf mehr", "en": "No longer needed"},
        "quality": {"de": "Qualität", "en": "Quality"},
        "service": {"de": "Service", "en": "Service"},
        "moved": {"de": "Umzug", "en": "Moved away"},
        "other": {"de": "Sonstiges", "en": "Other"},
    },
    "review_reason": {
        "not_bought_for_long": {"de": "Lange nicht gekauft", "en": "Not bought for long"},
        "inquired_never_bought": {
            "de": "Angefragt, nie gekauft",
            "en": "Inquired, never bought",
        },
        "add_on": {"de": "Ergänzung möglich", "en": "Could use an add-on"},
    },
    "clv_segment": {
        "company": {"de": "Firmenkunden", "en": "Companies"},
        "private": {"de": "Privatkunden", "en": "Private customers"},
    },
    "clv_model": {
        "bgnbd": {"de": "BG/NBD", "en": "BG/NBD"},
        "pareto_nbd": {"de": "Pareto/NBD", "en": "Pareto/NBD"},
        "gamma_gamma": {"de": "Gamma-Gamma", "en": "Gamma-Gamma"},
    },
}


@dataclass(frozen=True)
class Formatter:
    """Formats values for one language; `text` looks labels up."""

    lang: str

    def __post_init__(self) -> None:
        if self.lang not in LOCALES:
            raise ValueError(f"language must be one of {', '.join(LOCALES)}, not {self.lang!r}")

    @property
    def locale(self) -> str:
        return LOCALES[self.lang]

    def text(self, key: str, **values) -> str:
        try:
            label = LABELS[key][self.lang]
        except KeyError as error:
            raise KeyError(f"no {self.lang} label for {key!r}") from error
        return label.format(**values) if values else label

    def has_text(self, key: str) -> bool:
        return key in LABELS

    def code(self, group: str, value) -> str:
        """A coded mart value (e.g. a lifecycle stage) in words; unknown codes as stored."""
        if self._missing(value):
            return DASH
        if group not in CODES:
            raise KeyError(f"no code list {group!r}; known: {', '.join(CODES)}")
        text = str(value)
        words = CODES[group].get(text) or CODES["any"].get(text)
        return words[self.lang] if words else text

    @staticmethod
    def _missing(value) -> bool:
        return value is None or (isinstance(value, float) and math.isnan(value))

    def money(self, value, decimals: int = 2) -> str:
        if self._missing(value):
            return DASH
        pattern = None if decimals == 2 else ("#,##0\u00a0¤" if self.lang == "de" else "¤#,##0")
        return format_currency(
            value, "EUR", format=pattern, locale=self.locale, currency_digits=decimals == 2
        )

    def number(self, value, decimals: int = 0) -> str:
        if self._missing(value):
            return DASH
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    def percent(self, share, decimals: int = 1) -> str:
        """A share 0-1 as a percentage."""
        if self._missing(share):
            return DASH
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        pattern += "\u00a0%" if self.lang == "de" else "%"
        return format_percent(share, format=pattern, locale=self.locale)

    def signed(self, value, decimals: int = 1) -> str:
        if self._missing(value):
            return DASH
        text = self.number(abs(value), decimals)
        return ("+" if value > 0 else MINUS if value < 0 else "±") + text

    def signed_percent(self, share, decimals: int = 1) -> str:
        """A change as a share 0-1 with its sign, e.g. '+25,2 %' (a minus sign for a drop)."""
        if self._missing(share):
            return DASH
        text = self.percent(abs(share), decimals)
        return ("+" if share > 0 else MINUS if share < 0 else "±") + text

    def date(self, value) -> str:
        if self._missing(value):
            return DASH
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, str):
            value = date.fromisoformat(value[:10])
        return format_date(value, format="medium", locale=self.locale)

    def month(self, value) -> str:
        if self._missing(value):
            return DASH
        if isinstance(value, str):
            value = date.fromisoformat(value[:10])
        return format_date(value, format="MMM yyyy", locale=self.locale)
