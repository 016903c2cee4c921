"""Message brokers the event relay publishes to: RabbitMQ (`rabbitmq.py`), switched on by OMS_BROKER_URL."""

from __future__ import annotations

from oms.adapters.broker.rabbitmq import DEFAULT_EXCHANGE, BrokerError, RabbitMqPublisher, broker_subscriber

__all__ = ["DEFAULT_EXCHANGE", "BrokerError", "RabbitMqPublisher", "broker_subscriber"]
