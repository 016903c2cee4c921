"""The production commands, declared once: what each front door (HTTP, CLI, console) offers of bills of materials,
work orders and service orders."""

from __future__ import annotations

from oms.application.production import boms, service_orders, work_orders
from oms.application.production.queries import show_bom, show_created_bom, show_service_order, show_work_order
from oms.application.shared.actions import Action, Resource
from oms.domain.access.tokens import Role
from oms.domain.production import records
from oms.domain.production import service_orders as sod

BOM = Resource(name="bom", title="bill of materials", path="/boms", cli="bom", tag="production", show=show_bom,
               ref="sku", ref_field="sku", key=lambda view: str(view.sku))
WORK_ORDER = Resource(name="work_order", title="work order", path="/work-orders", cli="wo", tag="production",
                      show=show_work_order, ref_field="order_id")
SERVICE_ORDER = Resource(name="service_order", title="service order", path="/service-orders", cli="service",
                         tag="production", show=show_service_order, ref_field="order_id")

CLERK, MANAGER = Role.CLERK, Role.MANAGER
WOS, SOS = records.WorkOrderStatus, sod.ServiceOrderStatus
OPEN_SERVICE: frozenset[str] = frozenset(SOS) - {SOS.CANCELLED}

BOM_ACTIONS = [
    Action(BOM, "create", boms.CreateBom, MANAGER, "Create a revision of a product's bill of materials",
           path="", collection=True, status=201, creates=BOM, answer=show_created_bom),
    Action(BOM, "activate", boms.ActivateBomVersion, MANAGER, "Make a revision the product's active one"),
]

WORK_ORDER_ACTIONS = [
    Action(WORK_ORDER, "create", work_orders.CreateWorkOrder, CLERK,
           "Create a work order making a product by its active BOM", path="", collection=True, status=201,
           creates=WORK_ORDER),
    Action(WORK_ORDER, "release", work_orders.ReleaseWorkOrder, CLERK,
           "Release a draft: reserve its components as far as stock allows",
           when=records.TRANSITIONS[WOS.RELEASED].sources),
    Action(WORK_ORDER, "reserve", work_orders.ReserveMissingComponents, CLERK,
           "Reserve what is missing of its components from the stock available now", when=records.OPEN),
    Action(WORK_ORDER, "transfer", work_orders.TransferMaterial, CLERK,
           "Transfer material of components to the order, held for it", path="transfers", status=201,
           operation="transfer_material", when=records.OPEN),
    Action(WORK_ORDER, "output", work_orders.ReportOutput, CLERK,
           "Report good units made: into stock, their components consumed", path="outputs", status=201,
           operation="report_output", when=records.OPEN),
    Action(WORK_ORDER, "close", work_orders.CloseWorkOrder, CLERK,
           "Close it: done, or closed short with a reason; its reservations are released", when=records.OPEN),
    Action(WORK_ORDER, "cancel", work_orders.CancelWorkOrder, MANAGER,
           "Cancel an order nothing was made or consumed of", when=records.TRANSITIONS[WOS.CANCELLED].sources),
]

SERVICE_ORDER_ACTIONS = [
    Action(SERVICE_ORDER, "create", service_orders.CreateServiceOrder, CLERK, "Create a service order", path="",
           collection=True, status=201, creates=SERVICE_ORDER),
    Action(SERVICE_ORDER, "schedule", service_orders.ScheduleServiceOrder, CLERK,
           "Schedule it with a technician and a slot", when=sod.TRANSITIONS[SOS.SCHEDULED].sources),
    Action(SERVICE_ORDER, "start", service_orders.StartServiceOrder, CLERK, "Start the work",
           when=sod.TRANSITIONS[SOS.IN_PROGRESS].sources),
    Action(SERVICE_ORDER, "finish", service_orders.FinishServiceOrder, CLERK, "Finish the work",
           when=sod.TRANSITIONS[SOS.DONE].sources),
    Action(SERVICE_ORDER, "cancel", service_orders.CancelServiceOrder, MANAGER,
           "Cancel an order nothing of which is invoiced", when=sod.TRANSITIONS[SOS.CANCELLED].sources),
    Action(SERVICE_ORDER, "log", service_orders.LogLabour, CLERK, "Log hours worked", path="labour", status=201,
           operation="log_labour", when=OPEN_SERVICE),
    Action(SERVICE_ORDER, "approve", service_orders.ApproveLabour, MANAGER, "Approve a labour line",
           path="labour/<line_id>/approve", operation="approve_labour", when=OPEN_SERVICE),
    Action(SERVICE_ORDER, "update-labour", service_orders.UpdateLabour, CLERK,
           "Change a labour line not yet invoiced", method="PATCH", path="labour/<line_id>",
           operation="update_labour", when=OPEN_SERVICE),
    Action(SERVICE_ORDER, "remove-labour", service_orders.RemoveLabour, CLERK,
           "Delete a labour line not yet invoiced", method="DELETE", path="labour/<line_id>",
           operation="remove_labour", when=OPEN_SERVICE),
    Action(SERVICE_ORDER, "add-milestone", service_orders.AddMilestone, CLERK, "Add a milestone",
           path="milestones", status=201, operation="add_milestone", when=OPEN_SERVICE),
    Action(SERVICE_ORDER, "reach-milestone", service_orders.ReachMilestone, CLERK, "Mark a milestone reached",
           path="milestones/<milestone_id>/reach", operation="reach_milestone", when=OPEN_SERVICE),
]

ACTIONS = [*BOM_ACTIONS, *WORK_ORDER_ACTIONS, *SERVICE_ORDER_ACTIONS]
