"""``/api/store``: public status, info, stats, warnings, locales, the Store
Cleaner, and the AI helpers (stock texts, logo icon, wordmark logo)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends

from stores.freshstore import ai
from stores.freshstore.auth import requires
from stores.freshstore.data.catalog import slugify
from stores.freshstore.data.content import DEFAULT_STOCK_TEXT
from stores.freshstore.data.names import COUNTRIES, CURRENCY_BY_LOCALE
from stores.freshstore.db import FreshDB
from stores.freshstore.models import CleanStore, NicheRequired
from stores.freshstore.store_cleaner import clean_store

INFO_KEYS = (
    "name",
    "url",
    "niche",
    "live",
    "default_country",
    "enabled_countries",
    "version",
    "cart_enabled",
    "advanced_mode",
)
AMAZON_DOMAINS = {
    "us": "amazon.com",
    "gb": "amazon.co.uk",
    "de": "amazon.de",
    "fr": "amazon.fr",
    "ca": "amazon.ca",
    "au": "amazon.com.au",
}


def store_stats(db: FreshDB) -> dict[str, int]:
    """Content counts (``/api/store/stats`` and its alias ``/api/data/stats``)."""
    return {
        "brands": len(db.brands),
        "articles": len(db.articles),
        "products": len(db.live_products()),
        "categories": len(db.categories),
        "offers": len(db.offers),
        "articles_generated": sum(1 for a in db.articles.values() if a["generated"]),
    }


def warnings(db: FreshDB) -> list[dict[str, str]]:
    out = []
    if not db.settings["offers"]["amazon_affiliate_tag"]:
        out.append(
            {
                "message": "To get paid for your Amazon sales you need to add an Amazon "
                "Affiliate Tag",
                "action": "Find Out More",
                "url": "/admin/store-health",
            }
        )
    linked = {pid for pids in db.offer_products.values() for pid in pids}
    offerless = sum(1 for p in db.live_products() if p["id"] not in linked)
    if offerless:
        out.append(
            {
                "message": f"{offerless} products have no offers and are hidden from visitors",
                "action": "Run Store Cleaner",
                "url": "/admin/store-cleaner",
            }
        )
    if not db.settings["store"]["live"]:
        out.append(
            {"message": "Your store is not live yet", "action": "Go Live", "url": "/admin/settings"}
        )
    return out


def build_router(db: FreshDB) -> APIRouter:
    router = APIRouter(prefix="/api/store", tags=["store"])
    read = [Depends(requires("store", "read"))]
    write = [Depends(requires("store", "write"))]

    @router.get("/status", summary="Store online status (public)")
    async def status() -> dict[str, Any]:
        return {"data": {"up": True}}

    @router.get("/info", dependencies=read, summary="Store details")
    async def info() -> dict[str, Any]:
        store = db.settings["store"]
        return {"data": {key: store[key] for key in INFO_KEYS}}

    @router.get("/stats", dependencies=read, summary="Content counts")
    async def stats() -> dict[str, Any]:
        return {"data": store_stats(db)}

    @router.get("/warnings", dependencies=read, summary="Active warnings")
    async def store_warnings() -> dict[str, Any]:
        return {"data": warnings(db)}

    @router.get("/locales", dependencies=read, summary="Enabled countries")
    async def locales() -> dict[str, Any]:
        out = {}
        for country in db.settings["store"]["enabled_countries"]:
            code = country.lower()
            out[code] = {
                "name": COUNTRIES.get(code, country),
                "iso_3166_2": country.upper(),
                "currency": CURRENCY_BY_LOCALE.get(code, "USD"),
                "amazon_domain": AMAZON_DOMAINS.get(code),
            }
        return {"data": out}

    @router.post("/clean", dependencies=write, summary="Run store cleaner")
    async def clean(body: CleanStore | None = Body(None)) -> dict[str, Any]:
        operations = body.operations if body is not None else None
        return {"data": {"deleted": clean_store(db, operations)}}

    @router.post("/regenerate-stock-texts", dependencies=write, summary="AI-rewrite texts")
    async def regenerate_stock_texts() -> dict[str, Any]:
        niche = db.settings["store"]["niche"]
        rewritten = [key for key, text in db.stock_texts.items() if text == DEFAULT_STOCK_TEXT]
        for key in rewritten:
            db.stock_texts[key] = ai.stock_text(key, niche)
        db.spend_ai_tokens(ai.TOKENS_PER_CALL * len(rewritten))
        skipped = len(db.stock_texts) - len(rewritten)
        return {
            "data": {"rewritten": len(rewritten), "skipped_customised": skipped, "keys": rewritten}
        }

    @router.post("/pick-logo-icon", dependencies=write, summary="AI-pick a logo icon")
    async def pick_logo_icon(body: NicheRequired) -> dict[str, Any]:
        template = db.settings["template"]
        if template["logo_icon"] != ai.DEFAULT_ICON and not db.logo_icon_picked:
            return {"data": {"status": "skipped"}}
        icon = ai.pick_icon(body.niche)
        template["logo_icon"] = icon
        db.logo_icon_picked = True
        db.spend_ai_tokens(ai.TOKENS_PER_CALL)
        return {"data": {"status": "picked", "picked": icon, "label": ai.ICONS[icon]}}

    @router.post("/generate-logo", dependencies=write, summary="AI-generate a wordmark logo")
    async def generate_logo(body: NicheRequired) -> dict[str, Any]:
        template, name = db.settings["template"], db.settings["store"]["name"]
        if template["logo_url"]:
            return {"data": {"status": "skipped", "reason": "logo_already_set"}}
        if not name.strip():
            return {"data": {"status": "skipped", "reason": "no_store_name"}}
        slug = f"{slugify(name)}-{slugify(body.niche)}"
        template["logo_url"] = f"https://images.freshstore.example/logos/{slug}.png"
        db.spend_ai_tokens(ai.TOKENS_PER_CALL * 4)
        return {"data": {"status": "generated"}}

    return router
