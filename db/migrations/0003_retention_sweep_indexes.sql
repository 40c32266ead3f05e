ALTER TABLE "auth_tokens" ADD COLUMN "code_hash" text;--> statement-breakpoint
CREATE INDEX "auth_tokens_used_at_idx" ON "auth_tokens" USING btree ("used_at") WHERE "auth_tokens"."used_at" is not null;--> statement-breakpoint
CREATE INDEX "rate_limit_hits_created_idx" ON "rate_limit_hits" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "users_active_last_activity_idx" ON "users" USING btree (coalesce("last_login_at", "created_at"),"id") WHERE "users"."status" = 'active';--> statement-breakpoint
CREATE INDEX "users_password_age_idx" ON "users" USING btree (coalesce("password_changed_at", "created_at")) WHERE "users"."status" = 'active' and "users"."password_expired" = false and "users"."password_hash" is not null;