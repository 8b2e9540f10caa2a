"""Subscriptions to email alerts, the published changes the alert runs have seen, and which
change went to which subscriber. The email address is the only personal data kept: no name, no
account, no IP address; a subscription is deleted when it is cancelled."""

from __future__ import annotations

import secrets

from django.db import models


def _nonce() -> str:
    return secrets.token_urlsafe(16)


class Subscription(models.Model):
    email = models.EmailField(max_length=254)
    # Blank: every authority. Otherwise one authority's changes only, by its GSS code.
    authority_gss = models.CharField(max_length=9, blank=True)
    notices_only = models.BooleanField(default=False, help_text="New notices only.")
    # Part of every link's signed token: a deleted subscription's links never work again, even
    # if its number is used again.
    nonce = models.CharField(max_length=40, default=_nonce, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["email", "authority_gss", "notices_only"],
                name="alerts_one_subscription_per_choice",
            )
        ]

    def __str__(self) -> str:
        # Never the address: this is what the audit log records of it.
        return f"Alert subscription {self.pk}"


class SeenChange(models.Model):
    """A published change, by its feed key, and when an alert run first saw it: a subscriber
    is sent the changes first seen after they confirmed."""

    key = models.CharField(max_length=200, unique=True)
    first_seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.key


class Delivery(models.Model):
    """One change to one subscriber: the unique constraint is what makes it once, however many
    runs there are at the same moment."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    change = models.ForeignKey(SeenChange, on_delete=models.CASCADE, related_name="+")
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=40, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    channel = models.CharField(max_length=20, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "change"], name="alerts_each_change_once_per_subscriber"
            )
        ]

    def __str__(self) -> str:
        return f"Delivery {self.pk}"
