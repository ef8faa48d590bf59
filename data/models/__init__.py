"""All ORM models. Capability issues add their own module here and a migration branch."""

from data.models.activity import CallRecording, Visit
from data.models.base import Base, utcnow
from data.models.catalog import ACCOUNT_TYPES, Account, Product
from data.models.conversations import BotConversation, BotMessage
from data.models.documents import DocumentDraft, ExpenditureReport
from data.models.insights import NewsArticle, NewsMatch, Prediction
from data.models.news import JobLock, NewsApiUsage, NewsFeedback, NewsRelevance, NewsStory, NewsStoryUrl
from data.models.knowledge import VISIBILITIES, Document, DocumentChunk, WikiPage, WikiRevision
from data.models.ops import AuditLog, ConversationTurn, DigestSubscription, EventReceipt, Feedback, Upload
from data.models.org import ROLES, Rep, Team
from data.models.sales import (
    CHANNELS, MonthlySale, MonthlyTarget, SalesRollupAccount, SalesRollupProduct, SalesRollupRegion, SalesRollupState,
)

__all__ = [
    "ACCOUNT_TYPES", "CHANNELS", "ROLES", "VISIBILITIES",
    "Account", "AuditLog", "Base", "BotConversation", "BotMessage", "CallRecording", "ConversationTurn", "DigestSubscription",
    "Document", "DocumentChunk", "DocumentDraft", "ExpenditureReport", "EventReceipt", "Feedback", "MonthlySale", "MonthlyTarget",
    "NewsArticle", "NewsMatch", "Prediction", "Product", "Rep", "SalesRollupAccount", "SalesRollupProduct", "SalesRollupRegion",
    "SalesRollupState", "Team",
    "JobLock", "NewsApiUsage", "NewsFeedback", "NewsRelevance", "NewsStory", "NewsStoryUrl", "Upload", "Visit", "WikiPage", "WikiRevision", "utcnow",
]
