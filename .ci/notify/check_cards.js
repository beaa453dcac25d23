// Every Teams payload's Adaptive Card, parsed and validated by Microsoft's own library.
const AC = require("adaptivecards/dist/adaptivecards.js");
const fs = require("fs");
let bad = 0;
for (const f of process.argv.slice(2)) {
  const msg = JSON.parse(fs.readFileSync(f, "utf8"));
  if (msg.type !== "message" || msg.attachments.length !== 1 ||
      msg.attachments[0].contentType !== "application/vnd.microsoft.card.adaptive") {
    bad++; console.log("FAILED:", f, "not a Teams message with one Adaptive Card"); continue;
  }
  const card = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext();
  card.parse(msg.attachments[0].content, ctx);
  const events = [];
  for (let i = 0; i < ctx.eventCount; i++) events.push(ctx.getEventAt(i).message);
  for (const e of card.validateProperties().validationEvents) events.push(e.message);
  if (card.version.toString() !== "1.4") events.push("version " + card.version.toString());
  if (events.length) { bad++; console.log("FAILED:", f, JSON.stringify(events)); }
}
console.log(`adaptive cards: ${process.argv.length - 2} validated, ${bad} failed`);
process.exit(bad ? 1 : 0);
