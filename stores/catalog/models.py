"""Request bodies: pydantic models with the documented fields and limits, and
their parsing.

Bodies are read by hand (not as FastAPI body parameters) so that authentication
is checked first and malformed JSON answers ``invalid_json`` rather than a
generic validation error. Shape problems (missing fields, wrong types, unknown
fields, bad enums) are collected into one ``validation_error`` whose ``details``
lists every ``{field, message}``. Business rules live in ``rules``. The models
still document the bodies in OpenAPI through ``openapi_body``.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    WithJsonSchema,
    model_validator,
)
from starlette.requests import Request

from stores.catalog.errors import fail
from stores.common import FieldError

Status = Literal["active", "draft", "archived"]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Description = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)
]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
CategoryId = Annotated[str, StringConstraints(min_length=1, max_length=100)]
MAX_IMAGES = 10


class TokenRequest(BaseModel):
    """``POST /api/v1/auth/token``."""

    model_config = ConfigDict(strict=True)
    client_id: Annotated[str, StringConstraints(min_length=1)]
    client_secret: Annotated[str, StringConstraints(min_length=1)]
    grant_type: Literal["client_credentials"]


class RefreshRequest(BaseModel):
    """``POST /api/v1/auth/refresh``."""

    model_config = ConfigDict(strict=True)
    refresh_token: Annotated[str, StringConstraints(min_length=1)]
    grant_type: Literal["refresh_token"]


class ImageInput(BaseModel):
    """One image as ``{url, alt?, is_primary?}``; a bare URL string is also accepted."""

    model_config = ConfigDict(strict=True, extra="forbid")
    url: str
    alt: Annotated[str, StringConstraints(max_length=200)] | None = None
    is_primary: bool = False

    @model_validator(mode="before")
    @classmethod
    def from_url(cls, value: Any) -> Any:
        return {"url": value} if isinstance(value, str) else value


ImageOrUrl = Annotated[
    ImageInput,
    WithJsonSchema(
        {"anyOf": [{"type": "string", "format": "uri"}, ImageInput.model_json_schema()]}
    ),
]
Images = Annotated[list[ImageOrUrl], Field(max_length=MAX_IMAGES)]


class ProductCreate(BaseModel):
    """``POST /api/v1/products``: name, description, price, category_id required."""

    model_config = ConfigDict(strict=True, extra="forbid")
    name: Name
    description: Description
    price: float
    currency: Currency = "USD"
    category_id: CategoryId
    inventory: int = 0
    images: Images = []
    attributes: dict[str, Any] = {}
    status: Status = "active"


class ProductUpdate(BaseModel):
    """``PUT /api/v1/products/{product_id}``: any subset of the create fields."""

    model_config = ConfigDict(strict=True, extra="forbid")
    name: Name | None = None
    description: Description | None = None
    price: float | None = None
    currency: Currency | None = None
    category_id: CategoryId | None = None
    inventory: int | None = None
    images: Images | None = None
    attributes: dict[str, Any] | None = None
    status: Status | None = None


LABELS = {
    "name": "Product name",
    "description": "Product description",
    "price": "Price",
    "category_id": "Category ID",
}

Model = TypeVar("Model", bound=BaseModel)


async def read_json(request: Request) -> Any:
    """The request's JSON body (400 ``invalid_json`` when it does not parse)."""
    raw = await request.body()
    if not raw.strip():
        raise fail("validation_error", [FieldError("body", "Request body is required")])
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise fail("invalid_json", f"Request body is not valid JSON: {exc}") from None


def field_errors(exc: ValidationError) -> list[FieldError]:
    out = []
    for err in exc.errors():
        loc = [str(part) for part in err["loc"]]
        field = ".".join(loc) or "body"
        blank = err["type"] == "string_too_short" and err.get("ctx", {}).get("min_length") == 1
        if err["type"] == "missing" or blank:
            message = f"{LABELS.get(field, field)} is required"
        elif err["type"] == "extra_forbidden":
            message = "Unknown field"
        elif not loc:
            message = "Request body must be a JSON object"
        else:
            message = err["msg"]
        if FieldError(field, message) not in out:
            out.append(FieldError(field, message))
    return out


async def parse_body(request: Request, model: type[Model]) -> Model:
    """``model`` from the request body, or 400 ``validation_error`` listing every field."""
    data = await read_json(request)
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        raise fail("validation_error", field_errors(exc)) from None
    nulls = [f for f in parsed.model_fields_set if getattr(parsed, f) is None]
    if nulls:
        raise fail("validation_error", [FieldError(f, "May not be null") for f in sorted(nulls)])
    return parsed


def openapi_body(model: type[BaseModel]) -> dict[str, Any]:
    """``openapi_extra`` declaring ``model`` as the JSON request body (defs inlined)."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return inline(defs[ref.removeprefix("#/$defs/")])
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(value) for value in node]
        return node

    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": inline(schema)}},
        }
    }
