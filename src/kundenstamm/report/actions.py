"""The action lists: which mart each reads, the priority its rows are cut by (the mart's own
rank where it has one), the columns on the page and in the CSV files, and the sentence of its
reason column."""

from __future__ import annotations

from dataclasses import dataclass

from kundenstamm.report.tables import Column, Sentence


@dataclass(frozen=True)
class ActionList:
    """An action list. Its page shows the first rows by `order_by` (its documented priority,
    named on the page by the label `priority_<slug>`); the CSV files hold every row, the whole
    list and one file per account owner. `page_hidden` columns are in the CSV files only (so the
    table fits its page; e.g. 'may e-mail' where the e-mail is shown only when allowed). `where`
    keeps the mart's rows that are the list (a flag of the mart; empty: every row)."""

    slug: str
    mart: str
    order_by: str
    columns: tuple[Column, ...]
    sentence: Sentence
    page_hidden: tuple[str, ...] = ()
    where: str = ""

    @property
    def source(self) -> str:
        """What the list is read from: the mart, or its rows that meet `where`."""
        mart = f"marts.{self.mart}"
        return f"(select * from {mart} where {self.where}) as listed" if self.where else mart

    @property
    def page_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.name not in self.page_hidden)

    @property
    def priority_key(self) -> str:
        return f"priority_{self.slug}"


OWNER = Column("account_owner", personal="name")
NAME = Column("account_name", personal="name")
EMAIL = Column("contact_email", personal="email")
MAY_EMAIL = Column("may_email", "bool")
REASON = Column("reason")
# a reason code the page writes as a sentence (the CSV files keep the code)
REASON_CODE = Column("reason_code")

ACTION_LISTS = (
    ActionList(
        "winback",
        "rpt_winback_candidates",
        "priority_rank",
        (
            Column("priority_rank", "number"),
            Column("account_id"),
            NAME,
            OWNER,
            Column("contact_name", personal="name"),
            EMAIL,
            Column("contact_phone", personal="phone"),
            MAY_EMAIL,
            Column("value_at_stake_eur", "money"),
            Column("lifetime_margin_eur", "money"),
            Column("last_purchase_date", "date"),
            REASON,
        ),
        Sentence(
            "reason",
            lambda row: "sentence_winback_cancelled" if row["is_cancelled"] else "sentence_winback",
            (
                Column("lifetime_purchases", "number"),
                Column("lifetime_revenue_eur", "money"),
                Column("value_at_stake_eur", "money"),
                Column("days_since_last_purchase", "number"),
                Column("is_cancelled", "bool"),
            ),
        ),
        page_hidden=("may_email", "lifetime_margin_eur"),
    ),
    ActionList(
        "more_sell",
        "rpt_more_sell_due",
        "days_until_due, account_id, product_id",
        (
            Column("account_id"),
            NAME,
            OWNER,
            EMAIL,
            MAY_EMAIL,
            Column("product_name"),
            Column("category", "code", code="category"),
            Column("due_date", "date"),
            Column("days_until_due", "number"),
            REASON,
        ),
        Sentence(
            "reason",
            lambda row: f"sentence_more_sell_{row['due_status']}",
            (
                Column("due_status"),
                Column("product_name"),
                Column("last_bought_date", "date"),
                Column("replenishment_cycle_days", "number"),
                Column("due_date", "date"),
                Column("days_until_due", "number"),
            ),
        ),
        page_hidden=("may_email",),
    ),
    ActionList(
        "cross_sell",
        "rpt_cross_sell",
        "priority_rank",
        (
            Column("priority_rank", "number"),
            Column("account_id"),
            NAME,
            OWNER,
            EMAIL,
            MAY_EMAIL,
            Column("suggested_category", "code", code="category"),
            Column("because_of_category", "code", code="category"),
            Column("confidence", "percent"),
            Column("lift", "decimal"),
            Column("priority_value_eur", "money"),
            REASON,
        ),
        Sentence(
            "reason",
            lambda row: "sentence_cross_sell",
            (
                Column("confidence", "percent"),
                Column("because_of_category", "code", code="category"),
                Column("suggested_category", "code", code="category"),
                Column("lift", "decimal"),
            ),
        ),
        page_hidden=("may_email", "because_of_category", "confidence", "lift"),
    ),
    ActionList(
        "up_sell",
        "rpt_up_sell",
        "standard_revenue_eur desc, account_id, category",
        (
            Column("account_id"),
            NAME,
            OWNER,
            EMAIL,
            MAY_EMAIL,
            Column("category", "code", code="category"),
            Column("m_score", "number"),
            Column("standard_revenue_eur", "money"),
            REASON,
        ),
        Sentence(
            "reason",
            lambda row: "sentence_up_sell",
            (
                Column("m_score", "number"),
                Column("category", "code", code="category"),
                Column("standard_revenue_eur", "money"),
            ),
        ),
        page_hidden=("may_email",),
    ),
    ActionList(
        "quarterly_review",
        "rpt_quarterly_review",
        "priority_rank",
        (
            Column("priority_rank", "number"),
            OWNER,
            Column("review_reason", "code", code="review_reason"),
            Column("account_id"),
            NAME,
            Column("contact_name", personal="name"),
            Column("contact_phone", personal="phone"),
            EMAIL,
            MAY_EMAIL,
            Column("lifecycle_stage", "code", code="lifecycle_stage"),
            Column("abc_class"),
            Column("lifetime_revenue_eur", "money"),
            Column("detail"),
        ),
        Sentence(
            "detail",
            lambda row: (
                "sentence_review_"
                + (row["add_on_type"] if row["review_reason"] == "add_on" else row["review_reason"])
            ),
            (
                Column("review_reason"),
                Column("days_since_last_purchase", "number"),
                Column("last_purchase_date", "date"),
                Column("inquiry_channel", "code", code="acquisition_channel"),
                Column("last_inquiry_date", "date"),
                Column("inquiries", "number"),
                Column("add_on_type"),
                Column("add_on_category", "code", code="category"),
            ),
        ),
        page_hidden=("may_email", "contact_email"),
    ),
    ActionList(
        "detractor_recovery",
        "rpt_detractor_recovery",
        "lifetime_margin_eur desc, account_id",
        (
            Column("account_id"),
            NAME,
            OWNER,
            Column("contact_name", personal="name"),
            Column("contact_phone", personal="phone"),
            MAY_EMAIL,
            Column("latest_nps_score", "number"),
            Column("open_complaints", "number"),
            Column("lifetime_margin_eur", "money"),
            REASON,
        ),
        Sentence(
            "reason",
            lambda row: (
                "sentence_detractor_recovery_one"
                if row["open_complaints"] == 1
                else "sentence_detractor_recovery_other"
            ),
            (
                Column("latest_nps_score", "number"),
                Column("latest_nps_date", "date"),
                Column("open_complaints", "number"),
                Column("oldest_open_complaint_date", "date"),
            ),
        ),
    ),
    ActionList(
        "unprofitable",
        "rpt_unprofitable_customers",
        "contribution_after_service_eur, account_id",
        (
            Column("account_id"),
            NAME,
            OWNER,
            Column("abc_class"),
            Column("lifecycle_stage", "code", code="lifecycle_stage"),
            Column("purchases", "number"),
            Column("tickets", "number"),
            Column("revenue_eur", "money"),
            Column("discount_eur", "money"),
            Column("margin_eur", "money"),
            Column("cost_to_serve_eur", "money"),
            Column("contribution_after_service_eur", "money"),
            Column("main_cost_driver", "code", code="cost_driver"),
            REASON_CODE,
        ),
        Sentence(
            "reason_code",
            lambda row: f"sentence_unprofitable_{row['reason_code']}",
            (
                Column("margin_eur", "money"),
                Column("cost_to_serve_eur", "money"),
                Column("contribution_after_service_eur", "money"),
                Column("main_cost_driver", "code", code="cost_driver"),
            ),
        ),
        page_hidden=("lifecycle_stage", "revenue_eur", "discount_eur", "main_cost_driver"),
    ),
    ActionList(
        "c1_offers",
        "rpt_c1_offers",
        "basis_value_eur desc, account_id",
        (
            Column("account_id"),
            NAME,
            OWNER,
            EMAIL,
            MAY_EMAIL,
            Column("lifecycle_stage", "code", code="lifecycle_stage"),
            Column("last_purchase_date", "date"),
            Column("basis_value_eur", "money"),
            Column("basis_growth", "percent"),
            Column("abc_window_purchases", "number"),
            REASON_CODE,
        ),
        Sentence(
            "reason_code",
            lambda row: (
                ("sentence_c1_new" if row["basis_growth"] is None else "sentence_c1_promising")
                + ("_one" if row["abc_window_purchases"] == 1 else "_other")
            ),
            (
                Column("basis_growth", "percent"),
                Column("abc_window_purchases", "number"),
            ),
        ),
        page_hidden=("may_email", "lifecycle_stage", "basis_growth", "abc_window_purchases"),
    ),
    ActionList(
        "mailing_suppression",
        "rpt_mailing_suppression",
        "lifetime_revenue_eur desc, account_id",
        (
            Column("account_id"),
            NAME,
            OWNER,
            Column("lifecycle_stage", "code", code="lifecycle_stage"),
            Column("last_purchase_date", "date"),
            Column("days_since_last_purchase", "number"),
            Column("lifetime_revenue_eur", "money"),
            REASON_CODE,
        ),
        Sentence(
            "reason_code",
            lambda row: "sentence_suppression_inactive_c",
            (Column("days_since_last_purchase", "number"),),
        ),
        page_hidden=("days_since_last_purchase",),
    ),
    ActionList(
        "pilot_pool",
        "rpt_pilot_pool",
        "lifetime_revenue_eur desc, account_id",
        (
            Column("account_id"),
            NAME,
            OWNER,
            Column("industry", "code", code="industry"),
            Column("company_size"),
            Column("region"),
            Column("abc_class"),
            Column("lifecycle_stage", "code", code="lifecycle_stage"),
            Column("lifetime_revenue_eur", "money"),
            Column("contact_name", personal="name"),
            Column("contact_role", "code", code="contact_role"),
            Column("is_decision_maker", "bool"),
            EMAIL,
            MAY_EMAIL,
            Column("gift_preference", "code", code="gift_preference"),
            REASON,
        ),
        Sentence(
            "reason",
            lambda row: "sentence_pilot_pool",
            (
                Column("industry", "code", code="industry"),
                Column("company_size"),
                Column("lifecycle_stage", "code", code="lifecycle_stage"),
            ),
        ),
        page_hidden=(
            "industry",
            "company_size",
            "region",
            "abc_class",
            "lifecycle_stage",
            "is_decision_maker",
            "may_email",
            "gift_preference",
        ),
    ),
    ActionList(
        "visit_planning",
        "rpt_visit_planning",
        "group_size desc, visit_group, abc_basis_value_eur desc, account_id",
        (
            Column("visit_group"),
            Column("group_size", "number"),
            Column("account_id"),
            NAME,
            OWNER,
            Column("postal_code"),
            Column("city"),
            Column("region"),
            Column("contact_name", personal="name"),
            Column("contact_role", "code", code="contact_role"),
            Column("contact_phone", personal="phone"),
            EMAIL,
            MAY_EMAIL,
            Column("gift_preference", "code", code="gift_preference"),
            Column("abc_basis_value_eur", "money"),
            Column("last_purchase_date", "date"),
            REASON,
        ),
        Sentence(
            "reason",
            lambda row: "sentence_visit_planning",
            (
                Column("abc_basis_value_eur", "money"),
                Column("postal_area"),
                Column("group_size", "number"),
            ),
        ),
        page_hidden=(
            "group_size",
            "region",
            "contact_role",
            "contact_email",
            "may_email",
            "abc_basis_value_eur",
            "last_purchase_date",
        ),
    ),
    ActionList(
        "single_threaded",
        "rpt_account_coverage",
        "abc_class nulls last, contacts, account_id",
        (
            Column("account_id"),
            NAME,
            OWNER,
            Column("abc_class"),
            Column("lifecycle_stage", "code", code="lifecycle_stage"),
            Column("contacts", "number"),
            Column("roles_known", "number"),
            Column("has_decision_maker", "bool"),
            Column("has_c_level", "bool"),
            Column("emailable_contacts", "number"),
            Column("days_since_last_contact", "number"),
            Column("days_since_last_decision_maker_contact", "number"),
            Column("coverage_status"),
        ),
        Sentence(
            "coverage_status",
            lambda row: (
                "sentence_single_threaded_one"
                if row["contacts"] == 1
                else "sentence_single_threaded_other"
            ),
            (Column("contacts", "number"), Column("days_since_last_contact", "number")),
        ),
        page_hidden=("lifecycle_stage", "roles_known", "days_since_last_decision_maker_contact"),
        where="is_single_threaded",
    ),
)
