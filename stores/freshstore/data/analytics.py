"""Seed analytics: visitors, visits, actions, page/country/device/source reports,
affiliate clicks and cart checkouts, all dated between 2026-01-01 and ``TODAY``."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from stores.freshstore.data.catalog import Catalogue
from stores.freshstore.data.names import COUNTRIES
from stores.freshstore.timefmt import BASE_TIME, iso

TODAY = date(2026, 3, 9)
"""The analytics' "today": summaries count their periods back from here."""

DAYS = (TODAY - BASE_TIME.date()).days + 1
DEVICES = ["Desktop", "Smartphone", "Tablet"]
BROWSERS = ["Chrome", "Safari", "Firefox", "Edge"]
SOURCES = [
    ("Google", "Search Engines"),
    ("Direct", "Direct Entry"),
    ("Pinterest", "Social Networks"),
    ("Facebook", "Social Networks"),
    ("Newsletter", "Campaigns"),
    ("Bing", "Search Engines"),
]
CITIES = {
    "US": [("California", "San Francisco"), ("New York", "New York"), ("Texas", "Austin")],
    "GB": [("England", "London"), ("Scotland", "Edinburgh")],
    "DE": [("Berlin", "Berlin"), ("Bavaria", "Munich")],
    "FR": [("Ile-de-France", "Paris")],
    "CA": [("Ontario", "Toronto")],
    "AU": [("New South Wales", "Sydney")],
}
COMMISSION = {"amazon": 0.04, "ebay": 0.03, "walmart": 0.04, "etsy": 0.05, "aliexpress": 0.06}


@dataclass
class Analytics:
    visitors: dict[int, dict[str, Any]] = field(default_factory=dict)
    visits: list[dict[str, Any]] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
    pages: list[dict[str, Any]] = field(default_factory=list)
    countries: list[dict[str, Any]] = field(default_factory=list)
    devices: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    clicks: list[dict[str, Any]] = field(default_factory=list)
    checkouts: list[dict[str, Any]] = field(default_factory=list)


def moment(rng: random.Random) -> datetime:
    day = BASE_TIME + timedelta(days=rng.randrange(DAYS))
    return day + timedelta(seconds=rng.randrange(86_000))


def build_analytics(rng: random.Random, catalogue: Catalogue) -> Analytics:
    out = Analytics()
    for visitor_id in range(1, 151):
        out.visitors[visitor_id] = {
            "id": visitor_id,
            "matomo_visitor_id": f"{rng.getrandbits(64):016x}",
            "first_seen": None,
            "last_seen": None,
            "visits_count": 0,
            "clicks_count": 0,
        }
    _visits_and_actions(rng, out)
    _reports(out)
    _clicks(rng, out, catalogue)
    _checkouts(rng, out, catalogue)
    return out


def _visits_and_actions(rng: random.Random, out: Analytics) -> None:
    slugs = ["/", "/products/aurora-wireless-noise-cancelling-headphones", "/articles"]
    slugs += [f"/categories/{c}" for c in ("electronics", "kitchen", "home", "sports")]
    starts = sorted(moment(rng) for _ in range(420))
    for visit_id, start in enumerate(starts, start=1):
        visitor = out.visitors[rng.randint(1, 150)]
        country = rng.choice(["US"] * 5 + ["GB"] * 2 + ["DE", "FR", "CA", "AU"])
        region, city = rng.choice(CITIES[country])
        source, referrer = rng.choice(SOURCES)
        actions = rng.randint(1, 5)
        duration = rng.randint(5, 600) if actions > 1 else 0
        out.visits.append(
            {
                "id": visit_id,
                "ip_address": f"203.0.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                "country_code": country,
                "region": region,
                "city": city,
                "visits": 1,
                "actions": actions,
                "events": rng.randint(0, actions),
                "visit_duration_seconds": duration,
                "referrer_type_name": referrer,
                "device_type": rng.choice([*DEVICES, "Desktop", "Smartphone"]),
                "browser": rng.choice(BROWSERS),
                "first_action_at": iso(start),
                "last_action_at": iso(start + timedelta(seconds=duration)),
                "_visitor_id": visitor["id"],
                "_source": source,
            }
        )
        visitor["visits_count"] += 1
        visitor["first_seen"] = visitor["first_seen"] or iso(start)
        visitor["last_seen"] = iso(start + timedelta(seconds=duration))
        for step in range(actions):
            url = rng.choice(slugs)
            out.actions.append(
                {
                    "id": len(out.actions) + 1,
                    "visit_id": visit_id,
                    "visitor_id": visitor["id"],
                    "type": "pageview" if step == 0 or rng.random() < 0.7 else "event",
                    "url": "https://freshstore.example" + url,
                    "title": url.strip("/").replace("-", " ").title() or "Home",
                    "time_spent_seconds": duration // actions,
                    "created_at": iso(start + timedelta(seconds=step * (duration // actions))),
                }
            )


def _reports(out: Analytics) -> None:
    def aggregate(key: str) -> list[tuple[str, dict[str, int]]]:
        groups: dict[str, dict[str, Any]] = defaultdict(
            lambda: {"visitors": set(), "visits": 0, "actions": 0, "visit_duration_seconds": 0}
        )
        for visit in out.visits:
            group = groups[visit[key]]
            group["visitors"].add(visit["_visitor_id"])
            group["visits"] += 1
            group["actions"] += visit["actions"]
            group["visit_duration_seconds"] += visit["visit_duration_seconds"]
        rows = [(name, {**g, "visitors": len(g["visitors"])}) for name, g in groups.items()]
        return sorted(rows, key=lambda row: (-row[1]["visits"], row[0]))

    for n, (code, stats) in enumerate(aggregate("country_code"), start=1):
        locale = code.lower()
        out.countries.append(
            {"id": n, "locale": locale, "country_name": COUNTRIES[locale], **stats}
        )
    for n, (device, stats) in enumerate(aggregate("device_type"), start=1):
        out.devices.append({"id": n, "device": device, **stats})
    for n, (source, stats) in enumerate(aggregate("_source"), start=1):
        out.sources.append({"id": n, "source": source, **stats})

    hits: dict[str, dict[str, Any]] = defaultdict(lambda: {"visitors": set(), "hits": 0, "t": 0})
    for action in out.actions:
        label = action["url"].removeprefix("https://freshstore.example")
        page = hits[label]
        page["visitors"].add(action["visitor_id"])
        page["hits"] += 1
        page["t"] += action["time_spent_seconds"]
    ranked = sorted(hits.items(), key=lambda item: (-item[1]["hits"], item[0]))
    for n, (label, page) in enumerate(ranked, start=1):
        out.pages.append(
            {
                "id": n,
                "label": label,
                "visitors": len(page["visitors"]),
                "hits": page["hits"],
                "average_time_on_page": page["t"] // page["hits"],
                "bounce_rate": f"{20 + (n * 7) % 40}%",
                "exit_rate": f"{10 + (n * 5) % 30}%",
            }
        )


def _clicks(rng: random.Random, out: Analytics, catalogue: Catalogue) -> None:
    offer_ids = sorted(catalogue.offers)
    for click_id in range(1, 601):
        at = moment(rng)
        offer = catalogue.offers[rng.choice(offer_ids)]
        product_id = catalogue.offer_products[offer["id"]][0]
        affiliate = 1 if rng.random() < 0.6 else 0
        revenue = round(offer["price"] * COMMISSION[offer["merchant"]], 2) if affiliate else 0.0
        out.clicks.append(
            {
                "id": click_id,
                "product_id": product_id,
                "offer_id": offer["id"],
                "affiliate": affiliate,
                "source": f"https://freshstore.example/products/{product_id}",
                "destination": offer["merchant"] if affiliate else "internal",
                "url": offer["url_detail"]
                if affiliate
                else f"https://freshstore.example/go/{offer['id']}",
                "price": offer["price"],
                "clicked_at": iso(at),
                "_revenue": revenue,
            }
        )
        visitor = out.visitors[1 + click_id % 150]
        visitor["clicks_count"] += 1
    out.clicks.sort(key=lambda c: c["clicked_at"])


def _checkouts(rng: random.Random, out: Analytics, catalogue: Catalogue) -> None:
    product_ids = sorted(catalogue.offer_products.values())
    for checkout_id in range(1, 181):
        at = moment(rng)
        items = []
        for _ in range(rng.randint(1, 3)):
            product_id = rng.choice(product_ids)[0]
            offer = next(
                o
                for o in catalogue.offers.values()
                if product_id in catalogue.offer_products[o["id"]]
            )
            items.append(
                {
                    "product_id": product_id,
                    "title": catalogue.products[product_id]["title"],
                    "quantity": rng.randint(1, 2),
                    "price": offer["price"],
                }
            )
        total = round(sum(item["price"] * item["quantity"] for item in items), 2)
        out.checkouts.append(
            {
                "id": checkout_id,
                "session_id": f"sess_{rng.getrandbits(48):012x}",
                "items": items,
                "total": total,
                "currency": "USD",
                "country": rng.choice(["US", "US", "GB", "DE", "CA"]),
                "created_at": iso(at),
            }
        )
    out.checkouts.sort(key=lambda c: c["created_at"])
    for n, checkout in enumerate(out.checkouts, start=1):
        checkout["id"] = n


def as_datetime(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
