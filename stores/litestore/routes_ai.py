"""AI API: ``POST /api/ai/generate-description``, ``/api/ai/analyze-content`` and
``/api/ai/suggest-categories`` (the content-generation budget, 10 a minute).
Deterministic and offline; see ``stores.litestore.ai``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from stores.litestore import ai
from stores.litestore.auth import require_key
from stores.litestore.models import AnalyzeRequest, CategoriesRequest, DescriptionRequest


def ai_router() -> APIRouter:
    """The AI helper endpoints."""
    router = APIRouter()

    @router.post("/api/ai/generate-description", dependencies=[Depends(require_key)])
    async def generate_description(body: DescriptionRequest) -> dict[str, Any]:
        generated = ai.generate_description(
            body.productName, body.features, body.targetAudience, body.brandVoice, body.maxLength
        )
        return {
            "description": generated.description,
            "metadata": {
                "tokens": generated.tokens,
                "processingTime": generated.processing_time,
                "model": ai.MODEL,
            },
        }

    @router.post("/api/ai/analyze-content", dependencies=[Depends(require_key)])
    async def analyze_content(body: AnalyzeRequest) -> dict[str, Any]:
        return ai.analyze_text(body.content, list(dict.fromkeys(body.analysis)))

    @router.post("/api/ai/suggest-categories", dependencies=[Depends(require_key)])
    async def suggest_categories(body: CategoriesRequest) -> dict[str, Any]:
        suggestions, confidence = ai.suggest_categories(
            body.productTitle, body.description, body.existingCategories
        )
        return {"suggestions": suggestions, "confidence": confidence}

    return router
