"""Simulate a live fair and measure it: ``python manage.py bench_fair``.

On PostgreSQL with the channels-redis layer (use a scratch database): thousands of
attendees join and leave booth queues while representatives call the next person,
chat and end conversations, with a WebSocket open for every attendee and
representative. Prints p50/p95/p99 for joining, calling the next person, and a chat
message reaching the attendee's socket; the WebSocket connections held; and checks
that nobody was ever in two conversations and that no queue lost a person.

The sockets are the project's real consumers (``config.asgi.application``: session
auth, the fairs routes, ``AsyncJsonWebsocketConsumer``) driven by Channels' ASGI test
communicators in one event loop, so every notification travels through Redis; there is
no TCP between the simulated browser and the consumer. A benchmark, not a test.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import random
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection, connections
from django.db.models import Count
from django.utils import timezone

from accounts.models import Center, Company, CompanyMembership, User
from core.exceptions import ConflictError


def _percentiles(values: list[float]) -> tuple[float, float, float]:
    if not values:
        return (float("nan"),) * 3
    ordered = sorted(values)

    def at(p):
        return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))]

    return at(50), at(95), at(99)


class Command(BaseCommand):
    help = "Simulate a live fair on PostgreSQL and Redis and print latency percentiles."

    def add_arguments(self, parser):
        parser.add_argument("--attendees", type=int, default=2000)
        parser.add_argument("--booths", type=int, default=30)
        parser.add_argument("--reps", type=int, default=60, help="representatives in all")
        parser.add_argument(
            "--queues-each", type=int, default=2, help="booths each attendee queues at"
        )
        parser.add_argument(
            "--seconds", type=int, default=90, help="how long representatives keep calling"
        )
        parser.add_argument("--workers", type=int, default=12, help="threads doing the writes")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--channel-layer-url",
            default="",
            help="Redis for the channel layer (default: CHANNEL_LAYER_URL, else redis://127.0.0.1:6379/7)",
        )
        parser.add_argument("--no-sockets", action="store_true", help="skip the WebSocket clients")
        parser.add_argument(
            "--yes", action="store_true", help="run even if the database name has no 'bench'"
        )

    # --- set-up -------------------------------------------------------------------------

    def handle(self, *args, **opts):
        if connection.vendor != "postgresql":
            raise CommandError(
                "bench_fair needs PostgreSQL (DATABASE_URL=postgres://…/ilteo_fairs_bench)."
            )
        if "bench" not in connection.settings_dict["NAME"] and not opts["yes"]:
            raise CommandError(
                "bench_fair writes thousands of rows: use a database named *bench* or pass --yes."
            )
        self._use_redis(opts["channel_layer_url"])
        rng = random.Random(opts["seed"])  # noqa: S311 - a reproducible workload, not security
        t0 = time.perf_counter()
        fair, booths, reps, attendees = self._build(opts)
        self.stdout.write(
            f"built: {len(attendees)} attendees, {len(booths)} booths, {len(reps)} representatives "
            f"in {time.perf_counter() - t0:.1f}s"
        )
        self.delivered: dict[int, float] = {}
        self.cookies: dict[int, bytes] = {}
        self.arrived = threading.Condition()
        self.chats_opened = 0
        self.loop = None
        logging.getLogger("channels_redis").setLevel(logging.WARNING)
        self.sent_at: dict[int, float] = {}
        loop = asyncio.new_event_loop()
        loop_thread = threading.Thread(target=loop.run_forever, daemon=True)
        loop_thread.start()
        self.loop = loop
        sockets = []
        if not opts["no_sockets"]:
            t1 = time.perf_counter()
            people = attendees + [user for _booth, user in reps]
            sockets = asyncio.run_coroutine_threadsafe(
                self._connect_all(fair, people), loop
            ).result()
            self.stdout.write(
                f"WebSockets connected: {len(sockets)} in {time.perf_counter() - t1:.1f}s"
            )
        try:
            results = self._simulate(fair, booths, reps, attendees, rng, opts)
        finally:
            held = sum(1 for s in sockets if not s.future.done())
            if sockets:
                asyncio.run_coroutine_threadsafe(self._disconnect_all(sockets), loop).result(
                    timeout=120
                )
            loop.call_soon_threadsafe(loop.stop)
        results["sockets_held"] = held
        self._report(fair, results)

    def _use_redis(self, url: str) -> None:
        from channels.layers import channel_layers

        url = url or getattr(settings, "CHANNEL_LAYER_URL", "") or "redis://127.0.0.1:6379/7"
        settings.CHANNEL_LAYERS = {
            "default": {
                "BACKEND": "channels_redis.core.RedisChannelLayer",
                "CONFIG": {"hosts": [url], "capacity": 1000, "expiry": 30},
            }
        }
        channel_layers.backends.clear()
        self.stdout.write(f"channel layer: channels-redis at {url}")

    def _build(self, opts):
        from fairs.models import Booth, Fair, Registration, Representative

        stamp = timezone.now().strftime("%Y%m%d%H%M%S")
        now = timezone.now()
        center = Center.objects.create(
            name=f"벤치 센터 {stamp}", slug=f"bench-{stamp}", region="서울", industry="주얼리"
        )
        today = timezone.localdate()
        fair = Fair.objects.create(
            center=center,
            title=f"벤치마크 박람회 {stamp}",
            starts_on=today,
            ends_on=today + dt.timedelta(days=1),
            opens_at=dt.time(0, 0),
            closes_at=dt.time(23, 59),
            registration_opens_at=now - dt.timedelta(days=1),
            registration_closes_at=now + dt.timedelta(days=1),
            slots_open_at=now,
            status=Fair.Status.LIVE,
            call_window_seconds=120,
        )
        password = "!unusable"  # noqa: S105 - bench accounts cannot log in with a password
        attendees = User.objects.bulk_create(
            User(
                email=f"bench-{stamp}-a{i}@example.com",
                name=f"참가자{i}",
                is_trainee=True,
                password=password,
            )
            for i in range(opts["attendees"])
        )
        Registration.objects.bulk_create(Registration(fair=fair, attendee=a) for a in attendees)
        booths, reps = [], []
        per_booth = max(1, opts["reps"] // opts["booths"])
        for b in range(opts["booths"]):
            company = Company.objects.create(
                name=f"벤치 주얼리 {b}",
                brn=f"{9_000_000_000 + int(stamp[-8:]) * 37 + b:010d}"[-10:],
                status="verified",
            )
            booth = Booth.objects.create(fair=fair, company=company, status=Booth.Status.APPROVED)
            booths.append(booth)
            for r in range(per_booth):
                user = User.objects.create(
                    email=f"bench-{stamp}-r{b}-{r}@example.com",
                    name=f"담당자{b}-{r}",
                    password=password,
                )
                CompanyMembership.objects.create(company=company, user=user, role="recruiter")
                Representative.objects.create(
                    booth=booth, user=user, is_online=True, last_seen_at=now
                )
                reps.append((booth, user))
        return fair, booths, reps, attendees

    # --- sockets ------------------------------------------------------------------------

    def _session_cookie(self, user) -> bytes:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return f"{settings.SESSION_COOKIE_NAME}={store.session_key}".encode()

    async def _connect_all(self, fair, people):
        from asgiref.sync import sync_to_async
        from channels.testing import WebsocketCommunicator

        from config.asgi import application

        cookies = await sync_to_async(lambda: [self._session_cookie(p) for p in people])()
        self.cookies = {p.pk: c for p, c in zip(people, cookies, strict=True)}
        host = (settings.ALLOWED_HOSTS or ["localhost"])[0].lstrip(".") or "localhost"
        sockets = []
        for start in range(0, len(people), 100):
            batch = []
            for person, cookie in zip(
                people[start : start + 100], cookies[start : start + 100], strict=True
            ):
                comm = WebsocketCommunicator(
                    application,
                    f"/ws/fairs/{fair.pk}/",
                    headers=[
                        (b"origin", f"http://{host}".encode()),
                        (b"host", host.encode()),
                        (b"cookie", cookie),
                    ],
                )
                comm.person_id = person.pk
                batch.append(comm)
            results = await asyncio.gather(*(c.connect(timeout=30) for c in batch))
            for comm, (ok, _code) in zip(batch, results, strict=True):
                if ok:
                    sockets.append(comm)
                    comm.reader = asyncio.ensure_future(self._read(comm))
        return sockets

    def _socket(self, path: str, cookie: bytes):
        from channels.testing import WebsocketCommunicator

        from config.asgi import application

        host = (settings.ALLOWED_HOSTS or ["localhost"])[0].lstrip(".") or "localhost"
        return WebsocketCommunicator(
            application,
            path,
            headers=[
                (b"origin", f"http://{host}".encode()),
                (b"host", host.encode()),
                (b"cookie", cookie),
            ],
        )

    async def _open_chat(self, conversation_id: int, person_id: int):
        """The attendee's browser opens the chat page, whose socket hears new messages."""
        comm = self._socket(f"/ws/fairs/conversations/{conversation_id}/", self.cookies[person_id])
        connected, _code = await comm.connect(timeout=30)
        if connected:
            comm.reader = asyncio.ensure_future(self._read(comm))
            self.chats_opened += 1
        return comm

    async def _close_chat(self, comm):
        if hasattr(comm, "reader"):
            comm.reader.cancel()
        await comm.disconnect(timeout=5)

    async def _read(self, comm):
        while True:
            message = await comm.output_queue.get()
            if message.get("type") != "websocket.send":
                continue
            data = message.get("text") or ""
            if '"messages"' in data:
                payload = json.loads(data)
                with self.arrived:
                    self.delivered.setdefault(payload.get("message"), time.perf_counter())
                    self.arrived.notify_all()

    async def _disconnect_all(self, sockets):
        for comm in sockets:
            comm.reader.cancel()
        await asyncio.gather(*(c.disconnect(timeout=5) for c in sockets), return_exceptions=True)

    # --- the simulation -----------------------------------------------------------------

    def _simulate(self, fair, booths, reps, attendees, rng, opts):
        from fairs import services
        from fairs.models import Booth

        joins, calls = [], []
        ledger = Counter()
        lock = threading.Lock()
        booth_rows = {
            b.pk: Booth.objects.select_related("fair", "company").get(pk=b.pk) for b in booths
        }

        def join_some(attendee):
            try:
                chosen = rng.sample(list(booth_rows), k=min(opts["queues_each"], len(booth_rows)))
                for booth_id in chosen:
                    t = time.perf_counter()
                    try:
                        entry = services.queue_join(booth=booth_rows[booth_id], attendee=attendee)
                    except ConflictError:
                        continue
                    with lock:
                        joins.append(time.perf_counter() - t)
                        ledger["joined"] += 1
                    if rng.random() < 0.1:
                        services.queue_leave(entry=entry)
                        with lock:
                            ledger["left"] += 1
            finally:
                close_old_connections()

        t_join = time.perf_counter()
        with ThreadPoolExecutor(max_workers=opts["workers"]) as pool:
            list(pool.map(join_some, attendees))
        join_wall = time.perf_counter() - t_join

        stop_at = time.monotonic() + opts["seconds"]

        def run_rep(booth_id, rep):
            from fairs.models import QueueEntry

            booth = booth_rows[booth_id]
            try:
                while time.monotonic() < stop_at:
                    t = time.perf_counter()
                    try:
                        entry = services.queue_call_next(booth=booth, representative=rep)
                    except ConflictError:
                        time.sleep(0.05)
                        continue
                    with lock:
                        calls.append(time.perf_counter() - t)
                    if entry is None:
                        if not QueueEntry.objects.filter(booth=booth, status="waiting").exists():
                            return
                        time.sleep(
                            0.05
                        )  # everyone waiting is busy elsewhere: they keep their place
                        continue
                    try:
                        conversation = services.call_accept(entry=entry, attendee=entry.attendee)
                    except ConflictError:
                        with lock:
                            ledger["accept_refused"] += 1
                        continue
                    chat = None
                    if self.cookies:
                        chat = asyncio.run_coroutine_threadsafe(
                            self._open_chat(conversation.pk, entry.attendee_id), self.loop
                        ).result(timeout=60)
                    sent = time.perf_counter()  # the notification leaves inside message_send
                    message = services.message_send(
                        conversation=conversation, sender=rep, body="안녕하세요!"
                    )
                    with lock:
                        self.sent_at[message.pk] = sent
                    if chat is not None:  # the attendee reads it before answering
                        with self.arrived:
                            self.arrived.wait_for(
                                lambda pk=message.pk: pk in self.delivered, timeout=5
                            )
                    services.message_send(
                        conversation=conversation, sender=entry.attendee, body="반갑습니다."
                    )
                    services.conversation_end(conversation=conversation, by=rep)
                    if chat is not None:
                        asyncio.run_coroutine_threadsafe(self._close_chat(chat), self.loop).result(
                            timeout=60
                        )
                    with lock:
                        ledger["conversations"] += 1
            finally:
                connections.close_all()

        t_calls = time.perf_counter()
        with ThreadPoolExecutor(max_workers=min(len(reps), opts["workers"] * 2)) as pool:
            list(pool.map(lambda pair: run_rep(pair[0].pk, pair[1]), reps))
        call_wall = time.perf_counter() - t_calls
        time.sleep(2)  # let the last notifications arrive
        delivery = [self.delivered[m] - s for m, s in self.sent_at.items() if m in self.delivered]
        return {
            "joins": joins,
            "calls": calls,
            "delivery": delivery,
            "messages_sent": len(self.sent_at),
            "messages_delivered": len(delivery),
            "ledger": ledger,
            "join_wall": join_wall,
            "call_wall": call_wall,
        }

    # --- the report ---------------------------------------------------------------------

    def _report(self, fair, results):
        from fairs.models import Conversation, QueueEntry

        self.stdout.write("")
        for name, key in (
            ("join a queue", "joins"),
            ("call the next person", "calls"),
            ("message → socket", "delivery"),
        ):
            p50, p95, p99 = (v * 1000 for v in _percentiles(results[key]))
            self.stdout.write(
                f"{name:<22} n={len(results[key]):>6}  p50={p50:7.1f} ms  p95={p95:7.1f} ms  p99={p99:7.1f} ms"
            )
        ledger = results["ledger"]
        self.stdout.write(
            f"joins took {results['join_wall']:.1f}s wall; calling ran {results['call_wall']:.1f}s; "
            f"conversations {ledger['conversations']}; messages delivered {results['messages_delivered']}"
            f"/{results['messages_sent']}"
        )
        self.stdout.write(
            f"WebSocket connections held to the end: {results['sockets_held']} "
            f"(plus {self.chats_opened} chat sockets opened and closed)"
        )

        # Nobody was ever in two conversations: no two of one attendee's conversations overlap in time.
        overlaps = Conversation.objects.raw(
            """
            SELECT a.id FROM fairs_conversation a JOIN fairs_conversation b
              ON a.attendee_id = b.attendee_id AND a.id < b.id
             AND a.started_at < COALESCE(b.ended_at, 'infinity')
             AND b.started_at < COALESCE(a.ended_at, 'infinity')
             JOIN fairs_booth ba ON ba.id = a.booth_id
             WHERE ba.fair_id = %s
            """,
            [fair.pk],
        )
        two_at_once = len(list(overlaps))
        entries = QueueEntry.objects.filter(booth__fair=fair)
        by_status = Counter(entries.values_list("status", flat=True))
        created = entries.count()
        accounted = sum(by_status.values())
        duplicate_keys = (
            entries.filter(status__in=QueueEntry.ACTIVE)
            .values("booth_id", "order_key")
            .annotate(n=Count("id"))
            .filter(n__gt=1)
            .count()
        )
        done_without_conversation = entries.filter(status="done", conversation__isnull=True).count()
        lost = (
            created != ledger["joined"]
            or by_status["left"] != ledger["left"]
            or by_status["done"] != ledger["conversations"]
            or duplicate_keys
            or done_without_conversation
        )
        self.stdout.write(
            f"queue entries by status: {dict(by_status)} (joined {ledger['joined']}, accounted {accounted})"
        )
        self.stdout.write(
            ("OK" if two_at_once == 0 else "FAIL")
            + f": attendees in two conversations at once: {two_at_once}"
        )
        self.stdout.write(("OK" if not lost else "FAIL") + ": no queue lost a person")
        if two_at_once or lost:
            raise CommandError("bench_fair found a consistency problem (see above)")
