"""The NotifyNL (GOV.UK Notify) API v2 contract for the calls the portal makes, as JSON Schema.

Written after the schemas GOV.UK Notify publishes with its API and client for the integration
tests (`integration_test/schemas/v2/notification_schemas.py` in
alphagov/notifications-python-client, the v2 "POST sms / POST email / GET notification"
request and response schemas) and the API documentation
(docs.notifications.service.gov.uk/rest-api.html: statuses and error bodies).
NotifyNL runs the same API. The local server (tests/notify_server.py) checks every request
against the request schemas and every answer it gives against the response schemas, so a test
can only serve what the real API could answer.
"""

from jsonschema import Draft4Validator

UUID = {
    "type": "string",
    "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
}
PERSONALISATIE = {"type": "object"}

TEMPLATE = {
    "type": "object",
    "properties": {"id": UUID, "version": {"type": "integer"}, "uri": {"type": "string"}},
    "required": ["id", "version", "uri"],
}

POST_SMS_VERZOEK = {
    "type": "object",
    "properties": {
        "reference": {"type": "string"},
        "phone_number": {"type": "string"},
        "template_id": UUID,
        "personalisation": PERSONALISATIE,
        "sms_sender_id": UUID,
    },
    "required": ["phone_number", "template_id"],
}

POST_EMAIL_VERZOEK = {
    "type": "object",
    "properties": {
        "reference": {"type": "string"},
        "email_address": {"type": "string"},
        "template_id": UUID,
        "personalisation": PERSONALISATIE,
        "email_reply_to_id": UUID,
    },
    "required": ["email_address", "template_id"],
}

POST_SMS_ANTWOORD = {
    "type": "object",
    "properties": {
        "id": UUID,
        "reference": {"type": ["string", "null"]},
        "content": {
            "type": "object",
            "properties": {
                "body": {"type": "string"},
                "from_number": {"type": ["string", "null"]},
            },
            "required": ["body"],
        },
        "uri": {"type": "string"},
        "template": TEMPLATE,
    },
    "required": ["id", "content", "uri", "template"],
}

POST_EMAIL_ANTWOORD = {
    "type": "object",
    "properties": {
        "id": UUID,
        "reference": {"type": ["string", "null"]},
        "content": {
            "type": "object",
            "properties": {
                "from_email": {"type": "string"},
                "body": {"type": "string"},
                "subject": {"type": "string"},
            },
            "required": ["body", "from_email", "subject"],
        },
        "uri": {"type": "string"},
        "template": TEMPLATE,
    },
    "required": ["id", "content", "uri", "template"],
}

# Every status the API documents, per type (an international SMS may stay "sent").
STATUSSEN = {
    "email": [
        "created",
        "sending",
        "delivered",
        "permanent-failure",
        "temporary-failure",
        "technical-failure",
    ],
    "sms": [
        "created",
        "sending",
        "pending",
        "sent",
        "delivered",
        "permanent-failure",
        "temporary-failure",
        "technical-failure",
    ],
}

_NULLBARE_TEKST = {"type": ["string", "null"]}
GET_MELDING_ANTWOORD = {
    "type": "object",
    "properties": {
        "id": UUID,
        "reference": _NULLBARE_TEKST,
        "email_address": _NULLBARE_TEKST,
        "phone_number": _NULLBARE_TEKST,
        **{f"line_{i}": _NULLBARE_TEKST for i in range(1, 7)},
        "postcode": _NULLBARE_TEKST,
        "type": {"enum": ["sms", "letter", "email"]},
        "status": {"enum": sorted({s for lijst in STATUSSEN.values() for s in lijst})},
        "template": TEMPLATE,
        "body": {"type": "string"},
        "subject": _NULLBARE_TEKST,
        "created_at": {"type": "string"},
        "sent_at": _NULLBARE_TEKST,
        "completed_at": _NULLBARE_TEKST,
    },
    "required": [
        "id",
        "reference",
        "email_address",
        "phone_number",
        *(f"line_{i}" for i in range(1, 7)),
        "postcode",
        "type",
        "status",
        "template",
        "body",
        "created_at",
        "sent_at",
        "completed_at",
    ],
}

FOUT_ANTWOORD = {
    "type": "object",
    "properties": {
        "status_code": {"type": "integer"},
        "errors": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
                "required": ["error", "message"],
            },
        },
    },
    "required": ["status_code", "errors"],
}


def fouten(schema: dict, waarde) -> list[str]:
    """What in `waarde` breaks `schema` (empty: it fits)."""
    return [
        f"{'/'.join(map(str, f.path))}: {f.message}"
        for f in Draft4Validator(schema).iter_errors(waarde)
    ]
