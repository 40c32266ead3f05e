ALTER TABLE "consent_events" ADD COLUMN "source" text DEFAULT 'account' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "marketing_email_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "marketing_sms_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "privacy_notice_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "inactivity_warning_sent_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "users_marketing_email_confirmed_idx" ON "users" USING btree ("marketing_email_confirmed_at","id") WHERE "users"."marketing_email_consent_at" is not null and "users"."status" = 'active';--> statement-breakpoint
CREATE INDEX "users_marketing_sms_confirmed_idx" ON "users" USING btree ("marketing_sms_confirmed_at","id") WHERE "users"."marketing_sms_consent_at" is not null and "users"."status" = 'active';--> statement-breakpoint
CREATE INDEX "users_privacy_notice_idx" ON "users" USING btree (coalesce("privacy_notice_sent_at", "created_at"),"id") WHERE "users"."status" = 'active';--> statement-breakpoint
-- hand-written: consents given before this migration were last confirmed when they were given.
UPDATE "users" SET "marketing_email_confirmed_at" = "marketing_email_consent_at", "marketing_sms_confirmed_at" = "marketing_sms_consent_at" WHERE "marketing_email_consent_at" IS NOT NULL OR "marketing_sms_consent_at" IS NOT NULL;
