"""The demo's purchase planning: two suppliers with prices for the desks and lamps, and reorder rules whose minimums
lie above the demo's opening stock, so what to buy lists them."""

from __future__ import annotations

from decimal import Decimal

import oms
from oms.domain.masterdata.supplier_prices import SupplierPrice
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.shared.ids import new_id

SUPPLIERS = [("WOODWORKS", "Woodworks GmbH", "EUR", 10), ("LUMEN", "Lumen Ltd", "EUR", 5)]
# sku, supplier, price per unit, minimum quantity
PRICES = [("DESK-OAK", "WOODWORKS", "165.00", "0"), ("DESK-WALNUT", "WOODWORKS", "180.00", "0"),
          ("LAMP-LED", "LUMEN", "21.00", "0"), ("LAMP-LED", "WOODWORKS", "19.50", "100"),
          ("LAMP-DESK", "LUMEN", "22.50", "0")]
# sku, warehouse, minimum, maximum, multiple: the minimums lie above any opening stock (at most 200)
RULES = [("DESK-OAK", "BER-MAIN", "220", "300", "10"), ("DESK-WALNUT", "BER-MAIN", "220", "260", "5"),
         ("LAMP-LED", "BER-MAIN", "250", "400", "50"), ("LAMP-DESK", "MUC-MAIN", "210", "240", "12"),
         ("CHAIR-ERGO", "BER-OVERFLOW", "5", "40", "1")]


def load_demo_planning(system: oms.OrderManagement) -> None:
    with system.bus.uow_factory() as uow:
        suppliers: dict[str, Supplier] = {}
        for code, name, currency, lead_time in SUPPLIERS:  # the demo's purchase orders may have made them
            found = uow.masterdata.suppliers.by_code(code)
            if found is None:
                found = Supplier(new_id(), code, name, currency, lead_time_days=lead_time)
                uow.masterdata.suppliers.add(found)
            suppliers[code] = found
        for sku, supplier, price, minimum in PRICES:
            product = uow.masterdata.products.by_sku(sku)
            assert product is not None, sku
            uow.masterdata.supplier_prices.add(SupplierPrice(
                id=new_id(), supplier_id=suppliers[supplier].id, product_id=product.id, price=Decimal(price),
                currency="EUR", min_quantity=Decimal(minimum)))
        uow.commit()
    for sku, warehouse, minimum, maximum, multiple in RULES:
        system.handle(oms.SetReorderRule(sku=sku, warehouse_code=warehouse, minimum=minimum, maximum=maximum,
                                         multiple=multiple, actor="demo"))
