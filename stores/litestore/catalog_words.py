"""Word stock the seed data is composed from: categories with their product
nouns, adjectives, tags, creator names and content/review phrases."""

from __future__ import annotations

CATEGORIES: dict[str, dict[str, tuple[str, ...]]] = {
    "Skincare": {
        "nouns": ("Serum", "Night Cream", "Gel Cleanser", "Face Mask", "Toner", "Eye Cream"),
        "adjectives": ("Hydrating", "Brightening", "Retinol", "Vitamin C", "Calming", "Peptide"),
        "tags": ("anti-aging", "hydration", "vegan", "fragrance-free", "glow", "sensitive-skin"),
        "brands": ("Lumière", "Dermaleaf", "Pure Botanica"),
    },
    "Electronics": {
        "nouns": ("Headphones", "Earbuds", "Speaker", "Charger", "Keyboard", "Webcam"),
        "adjectives": ("Wireless", "Noise-Cancelling", "Compact", "Smart", "Pro", "Ultra"),
        "tags": ("wireless", "bluetooth", "usb-c", "portable", "fast-charging", "hi-fi"),
        "brands": ("Sonora", "Keyforge", "Voltly"),
    },
    "Sports": {
        "nouns": ("Running Shoes", "Trekking Poles", "Gym Bag", "Water Bottle", "Jump Rope"),
        "adjectives": ("Lightweight", "Trail", "Insulated", "Carbon", "Breathable", "Speed"),
        "tags": ("running", "outdoor", "training", "hiking", "endurance", "recovery"),
        "brands": ("Stride", "Asana", "Peakline"),
    },
    "Grocery": {
        "nouns": ("Green Tea", "Coffee Beans", "Honey", "Granola", "Olive Oil", "Dark Chocolate"),
        "adjectives": ("Organic", "Single Origin", "Raw", "Cold-Pressed", "Artisan", "Fair Trade"),
        "tags": ("organic", "fair-trade", "gluten-free", "loose-leaf", "small-batch", "vegan"),
        "brands": ("Kyoto Leaf", "Brewhaus", "Meadow Pantry"),
    },
    "Kitchen": {
        "nouns": ("Chef Knife", "Skillet", "Baking Mat", "Cutting Board", "Dutch Oven"),
        "adjectives": ("Stainless", "Cast Iron", "Non-Stick", "Bamboo", "Enamel", "Forged"),
        "tags": ("cookware", "baking", "dishwasher-safe", "gift", "pro-chef", "durable"),
        "brands": ("Forge & Co", "Brewhaus", "Hearthware"),
    },
    "Home": {
        "nouns": ("Bath Towel Set", "Duvet Cover", "Aroma Diffuser", "Throw Blanket", "Lamp"),
        "adjectives": ("Linen", "Bamboo", "Ceramic", "Cozy", "Minimalist", "Handwoven"),
        "tags": ("bedroom", "bathroom", "decor", "sustainable", "cozy", "gift"),
        "brands": ("Nestwell", "Casa Verde", "Tempo"),
    },
    "Toys": {
        "nouns": ("Building Blocks", "Train Set", "Plush Bear", "Puzzle", "Art Kit"),
        "adjectives": ("Wooden", "Classic", "Creative", "Magnetic", "Giant", "Mini"),
        "tags": ("kids", "educational", "stem", "toddler", "family", "gift"),
        "brands": ("Playmade", "Tinker Town", "Little Oak"),
    },
    "Beauty": {
        "nouns": ("Lipstick", "Mascara", "Eau de Parfum", "Blush Palette", "Nail Polish"),
        "adjectives": ("Matte", "Volumizing", "Long-Wear", "Velvet", "Radiant", "Sheer"),
        "tags": ("makeup", "cruelty-free", "long-lasting", "vegan", "clean-beauty", "glow"),
        "brands": ("Lumière", "Rosewater Lab", "Velvet & Co"),
    },
    "Fashion": {
        "nouns": ("Denim Jacket", "Wool Scarf", "Canvas Sneakers", "Tote Bag", "Linen Shirt"),
        "adjectives": ("Oversized", "Recycled", "Classic", "Slim-Fit", "Organic Cotton", "Vintage"),
        "tags": ("streetwear", "sustainable", "unisex", "everyday", "capsule", "summer"),
        "brands": ("Thread & Loom", "Northbound", "Stride"),
    },
    "Wellness": {
        "nouns": ("Yoga Mat", "Massage Gun", "Sleep Mask", "Vitamin D Gummies", "Foam Roller"),
        "adjectives": ("Eco", "Deep Tissue", "Silk", "Daily", "Recovery", "Mindful"),
        "tags": ("self-care", "sleep", "recovery", "mindfulness", "yoga", "health"),
        "brands": ("Asana", "Calm Harbor", "Tempo"),
    },
}

FIRST_NAMES = (
    "Ava",
    "Liam",
    "Maya",
    "Noah",
    "Zoe",
    "Ethan",
    "Isla",
    "Leo",
    "Mila",
    "Kai",
    "Aria",
    "Omar",
    "Nina",
    "Ravi",
    "Lena",
    "Jonah",
    "Sofia",
    "Theo",
    "Priya",
    "Felix",
)
LAST_NAMES = (
    "Chen",
    "Patel",
    "Garcia",
    "Kim",
    "Nguyen",
    "Okafor",
    "Rossi",
    "Silva",
    "Novak",
    "Larsen",
    "Haddad",
    "Moreau",
    "Tanaka",
    "Brooks",
    "Ibrahim",
)
NICHES = ("beauty", "tech", "fitness", "food", "home", "family", "style", "wellness")

CONTENT_TITLES = (
    "Honest Review: {product}",
    "30 Days With {product}",
    "Why {product} Is in My Daily Routine",
    "Unboxing {product}",
    "{product}: Worth the Hype?",
    "My Favourite {category} Pick This Season",
    "Before and After: {product}",
    "3 Ways to Use {product}",
)
CONTENT_BODIES = (
    "My honest experience after a month of daily use. The results surprised me.",
    "I love how easy this is to use, and the quality is excellent for the price.",
    "Great product overall, though the packaging could be better.",
    "Sharing my favourite tips and what worked best for me. Highly recommend!",
    "Not what I expected at first, but it grew on me after two weeks.",
    "A quick look at the details, the good and the not so good.",
)
SPAM_BODIES = (
    "CLICK NOW!!! FREE prize winner, buy now at www promo discount limited offer!!!",
    "Follow and DM me for a FREE discount code, guaranteed winner, subscribe now!!!",
)
REJECT_FEEDBACK = (
    "Content does not meet our community guidelines.",
    "Please remove promotional links and resubmit.",
    "Images are too low resolution.",
)
APPROVE_FEEDBACK = ("Great content!", "Approved, thanks for the detail.", "Looks good.")

REVIEW_TITLES: dict[int, tuple[str, ...]] = {
    5: ("Life-changing product!", "Absolutely love it", "Exceeded expectations", "Perfect"),
    4: ("Really good", "Great value", "Would buy again", "Very happy"),
    3: ("It's okay", "Decent but not amazing", "Average", "Mixed feelings"),
    2: ("Disappointing", "Not for me", "Expected more"),
    1: ("Terrible", "Broke after a week", "Waste of money"),
}
REVIEW_BODIES: dict[int, tuple[str, ...]] = {
    5: (
        "This product exceeded all my expectations. I recommend it to everyone.",
        "Amazing quality and it arrived quickly. My new favourite.",
    ),
    4: (
        "Great product, works as described. Only a small issue with the packaging.",
        "Very good overall and nice value for the price.",
    ),
    3: (
        "It does the job, nothing special. Fine for the price.",
        "Some things I like, some I don't. Average experience.",
    ),
    2: (
        "Disappointing quality compared to the photos.",
        "Poor fit for my needs, I will probably return it.",
    ),
    1: (
        "Terrible experience, it broke within days. Asked for a refund.",
        "Awful quality, a complete waste of money.",
    ),
}
