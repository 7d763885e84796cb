-- VideoLang's own tables. Must describe exactly the model in src/Jobs/Store/VideoLangDbContext.cs:
-- tests/Jobs.Tests/Store/MigrationsTests compares this schema with the one EF Core builds from the model.

CREATE TABLE models (
    id uuid NOT NULL,
    name text NOT NULL,
    path text NOT NULL,
    checksum text NOT NULL,
    active boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_models PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_models_name ON models (name);
-- At most one model is active.
CREATE UNIQUE INDEX ix_models_active ON models (active) WHERE active;

CREATE TABLE api_keys (
    id uuid NOT NULL,
    tenant text NOT NULL,
    name text NOT NULL,
    key_hash text NOT NULL,
    prefix text NOT NULL,
    scopes text[] NOT NULL,
    created_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    CONSTRAINT pk_api_keys PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_api_keys_key_hash ON api_keys (key_hash);

CREATE TABLE videos (
    id uuid NOT NULL,
    tenant text NOT NULL,
    sha256 text NOT NULL,
    original_name text NOT NULL,
    stored_path text NOT NULL,
    size_bytes bigint NOT NULL,
    idempotency_key text,
    container text,
    codec text,
    width integer,
    height integer,
    duration_seconds double precision,
    frame_rate double precision,
    status text NOT NULL,
    failure_reason text,
    model_id uuid,
    embedding real[],
    token_count integer,
    token_width integer,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_videos PRIMARY KEY (id),
    CONSTRAINT fk_videos_models_model_id FOREIGN KEY (model_id) REFERENCES models (id) ON DELETE SET NULL
);
CREATE INDEX ix_videos_model_id ON videos (model_id);
-- One video per content per tenant; an upload retried with the same Idempotency-Key finds the first.
CREATE UNIQUE INDEX ix_videos_tenant_sha256 ON videos (tenant, sha256);
CREATE UNIQUE INDEX ix_videos_tenant_idempotency_key ON videos (tenant, idempotency_key) WHERE idempotency_key IS NOT NULL;
-- Cursor pagination: (created_at, id) after the cursor, per tenant.
CREATE INDEX ix_videos_tenant_created_at_id ON videos (tenant, created_at, id);

CREATE TABLE clips (
    video_id uuid NOT NULL,
    index integer NOT NULL,
    start_seconds double precision NOT NULL,
    end_seconds double precision NOT NULL,
    frame_timestamps double precision[] NOT NULL,
    visual_tokens bytea NOT NULL,
    CONSTRAINT pk_clips PRIMARY KEY (video_id, index),
    CONSTRAINT fk_clips_videos_video_id FOREIGN KEY (video_id) REFERENCES videos (id) ON DELETE CASCADE
);

CREATE TABLE tags (
    video_id uuid NOT NULL,
    label text NOT NULL,
    score double precision NOT NULL,
    best_clip integer NOT NULL,
    start_seconds double precision NOT NULL,
    end_seconds double precision NOT NULL,
    clip_scores double precision[] NOT NULL,
    CONSTRAINT pk_tags PRIMARY KEY (video_id, label),
    CONSTRAINT fk_tags_videos_video_id FOREIGN KEY (video_id) REFERENCES videos (id) ON DELETE CASCADE
);

CREATE TABLE qa_batches (
    id uuid NOT NULL,
    tenant text NOT NULL,
    status text NOT NULL,
    item_count integer NOT NULL,
    answered_count integer NOT NULL,
    failed_count integer NOT NULL,
    cancel_requested boolean NOT NULL,
    idempotency_key text,
    failure_reason text,
    created_at timestamp with time zone NOT NULL,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    CONSTRAINT pk_qa_batches PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_qa_batches_tenant_idempotency_key ON qa_batches (tenant, idempotency_key) WHERE idempotency_key IS NOT NULL;

CREATE TABLE qa_items (
    batch_id uuid NOT NULL,
    ordinal integer NOT NULL,
    video_id uuid NOT NULL,
    question text NOT NULL,
    options text[],
    status text NOT NULL,
    answer text,
    score double precision,
    best_clip integer,
    start_seconds double precision,
    end_seconds double precision,
    clip_scores double precision[],
    error text,
    answered_at timestamp with time zone,
    CONSTRAINT pk_qa_items PRIMARY KEY (batch_id, ordinal),
    CONSTRAINT fk_qa_items_qa_batches_batch_id FOREIGN KEY (batch_id) REFERENCES qa_batches (id) ON DELETE CASCADE,
    CONSTRAINT fk_qa_items_videos_video_id FOREIGN KEY (video_id) REFERENCES videos (id) ON DELETE CASCADE
);
CREATE INDEX ix_qa_items_video_id ON qa_items (video_id);

CREATE TABLE jobs (
    id uuid NOT NULL,
    tenant text NOT NULL,
    kind text NOT NULL,
    subject_id uuid NOT NULL,
    status text NOT NULL,
    attempts integer NOT NULL,
    last_error text,
    created_at timestamp with time zone NOT NULL,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    next_attempt_at timestamp with time zone,
    CONSTRAINT pk_jobs PRIMARY KEY (id)
);
CREATE INDEX ix_jobs_subject_id ON jobs (subject_id);

CREATE TABLE job_attempts (
    id bigint GENERATED ALWAYS AS IDENTITY,
    job_id uuid NOT NULL,
    attempt integer NOT NULL,
    worker_id text NOT NULL,
    started_at timestamp with time zone NOT NULL,
    finished_at timestamp with time zone,
    outcome text NOT NULL,
    error text,
    CONSTRAINT pk_job_attempts PRIMARY KEY (id),
    CONSTRAINT fk_job_attempts_jobs_job_id FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX ix_job_attempts_job_id_attempt ON job_attempts (job_id, attempt);
