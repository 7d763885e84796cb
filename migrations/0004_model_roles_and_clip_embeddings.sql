-- Models by role (issue 16): a model's kind, and which model is the active embedder and which the active
-- cross-encoder (a ClipBERT checkpoint that was "the active model" keeps serving both). Clip-level
-- embeddings keyed by video, model and clip, with the tenant for a later per-tenant index; the video's
-- embedding now records which embedder made it.

ALTER TABLE models ADD COLUMN kind text NOT NULL DEFAULT 'ClipBert';
ALTER TABLE models ALTER COLUMN kind DROP DEFAULT;
ALTER TABLE models ADD COLUMN active_embedder boolean NOT NULL DEFAULT false;
ALTER TABLE models ADD COLUMN active_cross_encoder boolean NOT NULL DEFAULT false;
UPDATE models SET active_embedder = active, active_cross_encoder = active;
ALTER TABLE models ALTER COLUMN active_embedder DROP DEFAULT;
ALTER TABLE models ALTER COLUMN active_cross_encoder DROP DEFAULT;
DROP INDEX ix_models_active;
ALTER TABLE models DROP COLUMN active;
CREATE UNIQUE INDEX ix_models_active_embedder ON models (active_embedder) WHERE active_embedder;
CREATE UNIQUE INDEX ix_models_active_cross_encoder ON models (active_cross_encoder) WHERE active_cross_encoder;

ALTER TABLE videos ADD COLUMN embedder_id uuid;
ALTER TABLE videos ADD CONSTRAINT fk_videos_models_embedder_id FOREIGN KEY (embedder_id) REFERENCES models (id) ON DELETE SET NULL;
CREATE INDEX ix_videos_embedder_id ON videos (embedder_id);
-- Embeddings stored so far came from the model whose tokens they sit beside (the ClipBERT dual encoder).
UPDATE videos SET embedder_id = model_id WHERE embedding IS NOT NULL;

CREATE TABLE clip_embeddings (
    video_id uuid NOT NULL,
    model_id uuid NOT NULL,
    clip integer NOT NULL,
    tenant text NOT NULL,
    start_seconds double precision NOT NULL,
    end_seconds double precision NOT NULL,
    embedding real[] NOT NULL,
    null_mean double precision,
    null_std double precision,
    CONSTRAINT pk_clip_embeddings PRIMARY KEY (video_id, model_id, clip),
    CONSTRAINT fk_clip_embeddings_videos_video_id FOREIGN KEY (video_id) REFERENCES videos (id) ON DELETE CASCADE,
    CONSTRAINT fk_clip_embeddings_models_model_id FOREIGN KEY (model_id) REFERENCES models (id) ON DELETE CASCADE
);
CREATE INDEX ix_clip_embeddings_model_id ON clip_embeddings (model_id);
CREATE INDEX ix_clip_embeddings_tenant_model_id ON clip_embeddings (tenant, model_id);
