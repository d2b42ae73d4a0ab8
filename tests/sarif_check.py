"""Validates a SARIF log against the SARIF 2.1.0 object model of the `sarif-om` package (the
OASIS schema's classes): every object's properties must be ones its class declares, every
property its class requires must be there, and the enumerations and ranges the standard fixes
must hold. A hand map says which class each property of the subset ghasim writes holds."""

from __future__ import annotations

from typing import Any

import attr
import sarif_om as om

# property name -> the class of its value (a list of them, a map of them, or one)
CLASS_OF = {
    "runs": om.Run, "tool": om.Tool, "driver": om.ToolComponent, "rules": om.ReportingDescriptor,
    "results": om.Result, "locations": om.Location, "physicalLocation": om.PhysicalLocation,
    "artifactLocation": om.ArtifactLocation, "region": om.Region, "message": om.Message,
    "shortDescription": om.MultiformatMessageString,
    "fullDescription": om.MultiformatMessageString, "help": om.MultiformatMessageString,
    "defaultConfiguration": om.ReportingConfiguration, "originalUriBaseIds": om.ArtifactLocation,
    "properties": om.PropertyBag, "relatedLocations": om.Location,
}  # fmt: skip
MAPS = {"originalUriBaseIds"}
LEVELS = {"none", "note", "warning", "error"}


def _fields(cls) -> tuple[set[str], set[str]]:
    names, required = set(), set()
    for f in attr.fields(cls):
        name = f.metadata["schema_property_name"]
        names.add(name)
        if f.default is attr.NOTHING:
            required.add(name)
    return names, required


def validate(log: dict[str, Any]) -> None:
    assert log.get("version") == "2.1.0"
    _object(log, om.SarifLog, "$")


def _object(value: Any, cls, where: str) -> None:
    assert isinstance(value, dict), f"{where}: an object expected"
    names, required = _fields(cls)
    if cls is om.PropertyBag:
        return  # any key/value pairs
    unknown = set(value) - names
    assert not unknown, f"{where}: {cls.__name__} has no {sorted(unknown)}"
    missing = required - set(value)
    assert not missing, f"{where}: {cls.__name__} needs {sorted(missing)}"
    for key, item in value.items():
        _check_value(key, item, f"{where}.{key}")


def _check_value(key: str, item: Any, where: str) -> None:
    if key == "level":
        assert item in LEVELS, f"{where}: {item!r}"
    if key in ("startLine", "startColumn"):
        assert isinstance(item, int) and item >= 1, f"{where}: {item!r}"
    if key in ("text", "uri", "id", "name", "ruleId", "version", "uriBaseId", "markdown"):
        assert isinstance(item, str), f"{where}: a string expected"
    if key == "ruleIndex":
        assert isinstance(item, int) and item >= 0
    if key not in CLASS_OF:
        return
    cls = CLASS_OF[key]
    if key in MAPS:
        for name, sub in item.items():
            _object(sub, cls, f"{where}.{name}")
    elif isinstance(item, list):
        for i, sub in enumerate(item):
            _object(sub, cls, f"{where}[{i}]")
    else:
        _object(item, cls, where)
