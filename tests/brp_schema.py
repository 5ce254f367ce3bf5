"""Validate BRP messages against the published OpenAPI 3.1 document (shared/brp).

OpenAPI's `discriminator` is not JSON Schema: without it `verblijfplaats` would only be checked
for having a `type`. The validator below follows the discriminator's mapping into the concrete
schema (Adres, Locatie, Datum, JaarDatum, ...), so a fixture must match the variant it claims.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC = Path(__file__).with_name("aanvragen") / "brp" / "brp-personen-v2.7.0-openapi.yaml"
BASIS = "urn:brp-personen-v2"
_bezig: set[tuple[int, str]] = set()


def _discriminator(validator, discriminator, instance, schema):
    if not validator.is_type(instance, "object"):
        return
    naam = discriminator["propertyName"]
    waarde = instance.get(naam)
    doel = discriminator.get("mapping", {}).get(waarde)
    if doel is None:
        yield ValidationError(
            f"{naam}={waarde!r} is geen variant van {sorted(discriminator.get('mapping', {}))}"
        )
        return
    sleutel = (id(instance), doel)
    if sleutel in _bezig:  # the concrete schema's allOf leads back to this abstract one
        return
    _bezig.add(sleutel)
    try:
        yield from validator.descend(instance, {"$ref": f"{BASIS}{doel}"})
    finally:
        _bezig.discard(sleutel)


OpenApiValidator = validators.extend(Draft202012Validator, {"discriminator": _discriminator})


@functools.cache
def _registry() -> Registry:
    document = yaml.safe_load(SPEC.read_text())
    return Registry().with_resource(BASIS, Resource(contents=document, specification=DRAFT202012))


def fouten(instance, schema_naam: str) -> list[str]:
    validator = OpenApiValidator(
        {"$ref": f"{BASIS}#/components/schemas/{schema_naam}"},
        registry=_registry(),
        format_checker=FormatChecker(),
    )
    return [
        f"{'/'.join(map(str, f.absolute_path))}: {f.message}"
        for f in validator.iter_errors(instance)
    ]


def controleer(instance, schema_naam: str = "RaadpleegMetBurgerservicenummerResponse") -> None:
    gevonden = fouten(instance, schema_naam)
    assert not gevonden, "\n".join(gevonden)
