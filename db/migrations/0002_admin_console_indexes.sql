CREATE INDEX "admin_audit_action_created_idx" ON "admin_audit" USING btree ("action","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "admin_audit_email_created_idx" ON "admin_audit" USING btree ("admin_email","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "dormant_accounts_email_pattern_idx" ON "dormant_accounts" USING btree ("email" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "login_events_success_created_idx" ON "login_events" USING btree ("success","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "login_events_email_pattern_created_idx" ON "login_events" USING btree ("email" text_pattern_ops,"created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "users_email_pattern_idx" ON "users" USING btree ("email" text_pattern_ops);