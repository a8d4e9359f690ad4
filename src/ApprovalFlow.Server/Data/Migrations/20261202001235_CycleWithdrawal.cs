using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalFlow.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class CycleWithdrawal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "withdrawal_reason",
                schema: "approvalflow",
                table: "plan_cycles",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "withdrawn_at",
                schema: "approvalflow",
                table: "plan_cycles",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "withdrawn_by",
                schema: "approvalflow",
                table: "plan_cycles",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "withdrawn_by_name",
                schema: "approvalflow",
                table: "plan_cycles",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "withdrawal_reason",
                schema: "approvalflow",
                table: "plan_cycles");

            migrationBuilder.DropColumn(
                name: "withdrawn_at",
                schema: "approvalflow",
                table: "plan_cycles");

            migrationBuilder.DropColumn(
                name: "withdrawn_by",
                schema: "approvalflow",
                table: "plan_cycles");

            migrationBuilder.DropColumn(
                name: "withdrawn_by_name",
                schema: "approvalflow",
                table: "plan_cycles");
        }
    }
}
