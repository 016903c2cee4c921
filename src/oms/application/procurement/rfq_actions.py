"""The request-for-quotation commands, declared once: what HTTP, the CLI and the console offer of RFQs."""

from __future__ import annotations

from oms.application.procurement import rfqs as r
from oms.application.procurement.rfq_queries import answer_award, show_rfq
from oms.application.shared.actions import Action, Resource
from oms.domain.access.tokens import Role
from oms.domain.procurement import rfqs as rd

RFQ = Resource(name="rfq", title="request for quotation", path="/rfqs", cli="rfq", tag="requests for quotation",
               show=show_rfq, ref_field="rfq_id")

CLERK, MANAGER = Role.CLERK, Role.MANAGER
RS = rd.RfqStatus
SENT: frozenset[str] = frozenset({RS.SENT})


def _rfq(target: rd.RfqStatus) -> frozenset[str]:
    return rd.TRANSITIONS[target].sources


RFQ_ACTIONS = [
    Action(RFQ, "create", r.CreateRfq, CLERK, "Create a draft request for quotation to several suppliers", path="",
           collection=True, status=201, creates=RFQ),
    Action(RFQ, "send", r.SendRfq, CLERK, "Send a draft to its suppliers (draft -> sent)", when=_rfq(RS.SENT)),
    Action(RFQ, "answer", r.RecordSupplierQuotation, CLERK, "Record a supplier's quotation (its answer)",
           path="quotations", status=201, operation="record_supplier_quotation", when=SENT),
    Action(RFQ, "decline", r.DeclineRfq, CLERK, "Record that a supplier declined to quote", when=SENT),
    Action(RFQ, "award", r.AwardRfq, MANAGER, "Award offers per line or per quotation, with quantities; makes one "
           "draft purchase order per supplier (the same award again makes nothing more); answers the award",
           path="awards", operation="award_rfq", answer=answer_award, when=SENT),
    Action(RFQ, "close", r.CloseRfq, CLERK, "Close a sent RFQ: no more answers or awards", when=_rfq(RS.CLOSED)),
    Action(RFQ, "cancel", r.CancelRfq, MANAGER, "Cancel an RFQ that has no award", when=_rfq(RS.CANCELLED)),
]
